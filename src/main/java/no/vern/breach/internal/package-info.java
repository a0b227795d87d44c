/** Implementation of the breach register: repositories, jobs, documents and defaults of the SPIs. */
@org.jspecify.annotations.NullMarked
package no.vern.breach.internal;
