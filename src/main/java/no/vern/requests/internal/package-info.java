/** Data-subject requests internals: the case workflow, verification, deadlines, exports and erasure. */
@org.jspecify.annotations.NullMarked
package no.vern.requests.internal;
