/** REST admin actions of the crypto module. */
@org.jspecify.annotations.NullMarked
package no.vern.crypto.api;
