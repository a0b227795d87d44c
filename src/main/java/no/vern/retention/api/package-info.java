/** The retention REST API. */
@org.jspecify.annotations.NullMarked
package no.vern.retention.api;
