package no.vern.website.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.retention.RetentionPolicies;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleKind;
import no.vern.shared.Actor;
import no.vern.shared.JdbcTime;

/**
 * Deletes consent proofs past their retention (GDPR Art. 5(1)(e)). The rule is the one the record of processing
 * names for the purpose {@value #PURPOSE} and category {@value #CATEGORY}, kept and versioned by the retention
 * module (no second copy here): N after the choice. Without such a rule nothing is deleted and the console says
 * so. Runs nightly (db-scheduler, {@link WebsiteConfiguration}) in committed batches; logs and audit hold counts.
 */
@Component
class ConsentProofPurge {

    /** The purpose of the record of processing that consent proofs are kept for. */
    static final String PURPOSE = "website-consent-proofs";
    /** The data category of a consent proof in the record of processing. */
    static final String CATEGORY = "consent-choice";
    static final Actor ACTOR = Actor.system("website-proof-purge");
    static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(ConsentProofPurge.class);

    private final RetentionPolicies policies;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    ConsentProofPurge(RetentionPolicies policies, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit,
            Clock clock) {
        this.policies = policies;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rule in force for consent proofs, if the record names one that counts from the choice. */
    Optional<RetentionRule> rule() {
        return policies.current(PURPOSE, CATEGORY).filter(r -> r.kind() == RuleKind.AFTER_LAST_ACTIVITY);
    }

    /** Deletes every proof recorded before the rule's period; returns how many (0 without a rule). */
    long purge() {
        Optional<RetentionRule> found = rule();
        if (found.isEmpty()) {
            log.warn("Consent proofs: no retention rule '{}/{}' counting from the choice; nothing deleted", PURPOSE,
                    CATEGORY);
            return 0;
        }
        RetentionRule rule = found.get();
        Instant before = rule.unit().minus(clock.instant(), rule.amount());
        long total = 0;
        while (true) {
            Long deleted = tx.execute(s -> jdbc.sql("SELECT website_purge_consent_proofs(:before, :batch)")
                    .param("before", JdbcTime.param(before)).param("batch", BATCH)
                    .query((rs, n) -> rs.getLong(1)).single());
            long n = deleted == null ? 0 : deleted;
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        audit.record(AuditEvent.by(ACTOR, "website.consent.purge", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets("rule:" + PURPOSE + "." + CATEGORY, "version:" + rule.version(), "deleted:" + total));
        log.info("Consent proofs: {} recorded before {} deleted (rule {} version {})", total, before, rule.id(),
                rule.version());
        return total;
    }
}
