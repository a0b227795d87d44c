/** REST API of the breach register. */
@org.jspecify.annotations.NullMarked
package no.vern.breach.api;
