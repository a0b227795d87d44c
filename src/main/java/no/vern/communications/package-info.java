/**
 * Communications (issue 7; S7, S8, S12, S26; markedsføringsloven § 15): newsletter and invitation
 * lists whose audiences are computed from the register by kind and purpose, campaigns sent through an
 * outbox with throttling, retries and at-most-once delivery, a personal one-click objection in every
 * message (RFC 8058), a suppression list of keyed hashes that outlives erasure, an eligibility API for
 * external mailers, and email delivery of breach notices. The base package is the module's API.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Communications",
        allowedDependencies = { "shared", "register", "audit", "processing", "breach :: spi", "informing" })
package no.vern.communications;
