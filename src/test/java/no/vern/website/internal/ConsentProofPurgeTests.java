package no.vern.website.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.processing.ProcessingRecord;
import no.vern.retention.PeriodUnit;
import no.vern.retention.RetentionPolicies;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleChange;
import no.vern.retention.RuleKind;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.VernClock;
import no.vern.support.VernTest;

/**
 * GDPR Art. 5(1)(e): consent proofs are kept as long as the retention rule of the record of processing says
 * (purpose website-consent-proofs, kept by the retention module), then the nightly purge deletes them.
 */
@VernTest
class ConsentProofPurgeTests {

    @Autowired
    ConsentProofPurge purge;
    @Autowired
    ConsentProofs proofs;
    @Autowired
    RetentionPolicies policies;
    @Autowired
    ProcessingRecord record;
    @Autowired
    Sites sites;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    UUID proofAt(Instant at) {
        UUID consentId = UUID.randomUUID();
        proofs.record(sites.demo().orElseThrow().id(), consentId, ConsentProof.Decision.REJECT_ALL, List.of(), false,
                ConsentProof.Reason.CHOICE, record.current().version(), "0".repeat(64), "nb", WebsiteRequests.FIREFOX,
                at);
        return consentId;
    }

    boolean kept(UUID consentId) {
        return !proofs.history(consentId).isEmpty();
    }

    @Test
    void theRecordNamesTheRuleAndTheRetentionModuleKeepsIt() {
        assertThat(record.purpose(ConsentProofPurge.PURPOSE).orElseThrow().retention()).isNotNull();
        RetentionRule rule = purge.rule().orElseThrow();
        assertThat(rule.purposeKey()).isEqualTo(ConsentProofPurge.PURPOSE);
        assertThat(rule.category()).isEqualTo(ConsentProofPurge.CATEGORY);
    }

    @Test
    void proofsPastTheRuleAreDeletedAndNewerOnesKept() {
        RetentionRule rule = purge.rule().orElseThrow();
        ZonedDateTime now = clock.instant().atZone(VernClock.ZONE);
        Instant cutoff = rule.unit().minus(now.toInstant(), rule.amount());
        UUID old = proofAt(cutoff.minusSeconds(3600));
        UUID recent = proofAt(cutoff.plusSeconds(86_400));

        long deleted = purge.purge();

        assertThat(deleted).isPositive();
        assertThat(kept(old)).isFalse();
        assertThat(kept(recent)).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM website_consent WHERE at < :cutoff")
                .param("cutoff", java.sql.Timestamp.from(cutoff)).query(Long.class).single()).isZero();
    }

    @Test
    void aChangedRuleInRetentionIsTheOneThePurgeApplies() {
        RetentionRule before = purge.rule().orElseThrow();
        UUID twoMonthsOld = proofAt(clock.instant().atZone(VernClock.ZONE).minusMonths(2).toInstant());
        try {
            Actors.runAs(Actor.system("test-privacy-officer"), () -> policies.change(ConsentProofPurge.PURPOSE,
                    ConsentProofPurge.CATEGORY, before.version(), new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 1,
                            PeriodUnit.MONTHS, null, 0, "test: one month")));
            purge.purge();
            assertThat(kept(twoMonthsOld)).isFalse();
        } finally {
            RetentionRule now = purge.rule().orElseThrow();
            Actors.runAs(Actor.system("test-privacy-officer"), () -> policies.change(ConsentProofPurge.PURPOSE,
                    ConsentProofPurge.CATEGORY, now.version(), before.content()));
        }
    }

    @Test
    void theApplicationStillCannotDeleteAProofItself() {
        UUID old = proofAt(clock.instant().minusSeconds(10L * 365 * 86_400));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "DELETE FROM website_consent WHERE consent_id = :id").param("id", old).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        // Nor push the cut-off into the future.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "SELECT website_purge_consent_proofs(now() + interval '1 day', 10)").query(Long.class).single())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
    }
}
