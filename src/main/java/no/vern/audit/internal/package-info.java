/** Audit module: append, sealing, verification, schedules and metrics. */
@org.jspecify.annotations.NullMarked
package no.vern.audit.internal;
