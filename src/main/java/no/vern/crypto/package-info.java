/**
 * Per-subject envelope encryption and crypto-shredding: one data key per data subject, wrapped by
 * a master key; blind indexes for lookup without plaintext; a shred ledger that re-applies
 * erasures after a restore. Knows nothing of records, consents or audit; callers pass opaque ids.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Crypto", allowedDependencies = "shared")
package no.vern.crypto;
