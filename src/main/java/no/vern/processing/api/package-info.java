/** REST API of the record of processing (bearer tokens, scopes processing:read and processing:write). */
@org.jspecify.annotations.NullMarked
package no.vern.processing.api;
