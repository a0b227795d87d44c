/** REST API of the connector registry. */
@org.jspecify.annotations.NullMarked
package no.vern.connectors.api;
