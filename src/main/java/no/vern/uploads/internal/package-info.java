/** Implementation of upload inspection: Tika detection, container checks, clamd client, statistics. */
@org.jspecify.annotations.NullMarked
package no.vern.uploads.internal;
