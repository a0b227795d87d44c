/** The event log: written by listeners in the changing transaction, read by the feed. */
@org.jspecify.annotations.NullMarked
package no.vern.changes.internal;
