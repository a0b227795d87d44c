/** Shared kernel internals: problem mapping, database pools and filters, configuration. */
@org.jspecify.annotations.NullMarked
package no.vern.shared.internal;
