/** The feed over HTTP for other systems. */
@org.jspecify.annotations.NullMarked
package no.vern.changes.api;
