/** Storage, validation, diff, checks, exports and the policy writer of the record of processing. */
@org.jspecify.annotations.NullMarked
package no.vern.processing.internal;
