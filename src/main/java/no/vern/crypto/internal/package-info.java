/** Tink-based implementation of the crypto API: key store, cache, ledger, notifications. */
@org.jspecify.annotations.NullMarked
package no.vern.crypto.internal;
