/** Implementation of the consent ledger: repository, gate, receipts, links, mail, expiry, withdrawal effects, demo data. */
@org.jspecify.annotations.NullMarked
package no.vern.consent.internal;
