/**
 * Consent ledger (issue 6; S4, S5, S6, S26; GDPR Art. 7): an append-only log of consent events per
 * subject and purpose, the current state derived from it, the {@link no.vern.register.ConsentGate}
 * the register asks before storing consent-based data, receipts with a one-click withdrawal link,
 * and erasure of consent-only records after a withdrawal. The base package is the module's API.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Consent",
        allowedDependencies = { "shared", "register", "processing", "audit", "crypto" })
package no.vern.consent;
