/** Console pages of the connector registry, manual task pages and the webhook callback endpoint. */
@org.jspecify.annotations.NullMarked
package no.vern.connectors.web;
