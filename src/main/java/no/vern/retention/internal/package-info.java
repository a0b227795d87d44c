/** Implementation of retention: rules, clocks, holds, the purge job, notices and reports. */
@org.jspecify.annotations.NullMarked
package no.vern.retention.internal;
