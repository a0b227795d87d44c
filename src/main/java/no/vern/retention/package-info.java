/**
 * Retention (issue 10; S5, S13, S23; GDPR Art. 5(1)(e), Art. 25): a rule per purpose and data category
 * in the terms users think in, the events that start the clocks, legal holds, and the daily purge that
 * deletes or crypto-shreds through the register what is due, with a reviewed dry run first, notices
 * before deletion and reports for the auditor. The base package is the module's API.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Retention",
        allowedDependencies = { "shared", "register", "processing", "consent", "audit" })
package no.vern.retention;
