package no.vern.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import no.vern.shared.Actor;
import no.vern.shared.JdbcTime;
import no.vern.shared.VernClock;

/** Appends seal into one gap-free, verifiable hash chain, whatever the order of commits. */
@SpringBootTest
@AutoConfigureMockMvc
class AuditChainTests {

    private static final Actor TESTER = Actor.system("audit-chain-test");

    @Autowired
    AuditLog log;
    @Autowired
    AuditChain chain;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MeterRegistry meters;

    @Test
    void appendedEntriesSealIntoAValidChain() {
        String target = "case:" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            log.record(AuditEvent.by(TESTER, "audit.test.appended", Outcome.SUCCESS).withPurpose("testing")
                    .withTargets(target, "item:" + i));
        }

        chain.sealPending();

        assertThat(unsealedWith(target)).isZero();
        assertThat(sealedWith(target)).isEqualTo(20);
        AuditVerification verification = chain.verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.firstBrokenLink()).isNull();
        assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(20);
        assertThat(chain.lastVerification()).contains(verification);
        assertThat(meters.get("vern.audit.chain.broken").gauge().value()).isZero();
    }

    @Test
    void concurrentAppendsFromEightThreadsSealIntoOneChainWithoutGaps() throws Exception {
        String target = "case:" + UUID.randomUUID();
        var tx = new TransactionTemplate(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int n = i;
                        tx.executeWithoutResult(s -> log.record(AuditEvent.by(TESTER, "audit.test.concurrent",
                                Outcome.SUCCESS).withTargets(target, "item:" + thread + "-" + n)));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        chain.sealPending();

        assertThat(sealedWith(target)).isEqualTo(4000);
        var shape = jdbc.sql("SELECT count(*) AS n, min(chain_seq) AS lo, max(chain_seq) AS hi FROM audit_seal")
                .query((rs, i) -> new long[] { rs.getLong("n"), rs.getLong("lo"), rs.getLong("hi") }).single();
        assertThat(shape[1]).isEqualTo(1);
        assertThat(shape[2]).isEqualTo(shape[0]);
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void anEntryRolledBackWithItsTransactionLeavesNoTrace() {
        String target = "case:" + UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            log.record(AuditEvent.by(TESTER, "audit.test.rolled-back", Outcome.SUCCESS).withTargets(target));
            status.setRollbackOnly();
        });

        chain.sealPending();

        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE targets @> ARRAY[CAST(:t AS text)]")
                .param("t", target).query(Long.class).single()).isZero();
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void anEntryCommittingLateIsSealedAfterEntriesWithHigherIds() throws Exception {
        String early = "case:" + UUID.randomUUID();
        String late = "case:" + UUID.randomUUID();
        var inserted = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        var tx = new TransactionTemplate(transactions);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            log.record(AuditEvent.by(TESTER, "audit.test.late", Outcome.SUCCESS).withTargets(late));
            holdOpenOnceWritten(inserted, commit);
        }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        log.record(AuditEvent.by(TESTER, "audit.test.early", Outcome.SUCCESS).withTargets(early));

        chain.sealPending();
        assertThat(sealedWith(early)).isEqualTo(1);
        commit.countDown();
        slow.get(30, TimeUnit.SECONDS);
        chain.sealPending();

        assertThat(idOf(late)).isLessThan(idOf(early));
        assertThat(chainSeqOf(late)).isGreaterThan(chainSeqOf(early));
        assertThat(chain.unsealedCount()).isZero();
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void anEntryWhoseWriterStaysOpenWhileTheSealerPassesSeveralTimesIsSealedOnceItCommits() throws Exception {
        // The writer holds the newest transaction id and nothing later completes: a snapshot's xmax then equals that
        // id, so a watermark settled on xmax would pass the open entry by, and it would never be sealed.
        String late = "case:" + UUID.randomUUID();
        var inserted = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        var tx = new TransactionTemplate(transactions);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            log.record(AuditEvent.by(TESTER, "audit.test.open", Outcome.SUCCESS).withTargets(late));
            holdOpenOnceWritten(inserted, commit);
        }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        chain.sealPending();
        chain.sealPending();
        chain.sealPending();
        assertThat(unsealedWith(late)).as("not visible yet").isZero();
        commit.countDown();
        slow.get(30, TimeUnit.SECONDS);
        chain.sealPending();

        assertThat(sealedWith(late)).isEqualTo(1);
        assertThat(chain.unsealedCount()).isZero();
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void theEntriesOfATransactionAreWrittenAtItsCommitInTheOrderAndWithTheTimesTheyWereRecorded() {
        String target = "case:" + UUID.randomUUID();
        var tx = new TransactionTemplate(transactions);
        List<Long> seenInside = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) {
                log.record(AuditEvent.by(TESTER, "audit.test.batched", Outcome.SUCCESS).withTargets(target, "item:" + i));
            }
            seenInside.add(count(target)); // written together just before the commit, one round trip
        });

        assertThat(seenInside).containsExactly(0L);
        List<String> items = jdbc.sql("""
                SELECT targets[2] FROM audit_entry WHERE targets @> ARRAY[CAST(:t AS text)] ORDER BY id""")
                .param("t", target).query(String.class).list();
        assertThat(items).containsExactly("item:0", "item:1", "item:2");
        List<Instant> times = jdbc.sql("""
                SELECT occurred_at FROM audit_entry WHERE targets @> ARRAY[CAST(:t AS text)] ORDER BY id""")
                .param("t", target).query((rs, n) -> JdbcTime.required(rs, "occurred_at")).list();
        assertThat(times).isSorted();
    }

    @Test
    void aRolledBackTransactionLeavesNoneOfItsEntriesAndANestedNewTransactionKeepsItsOwn() {
        String outer = "case:" + UUID.randomUUID();
        String inner = "case:" + UUID.randomUUID();
        var tx = new TransactionTemplate(transactions);
        var requiresNew = new TransactionTemplate(transactions);
        requiresNew.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        tx.executeWithoutResult(s -> {
            log.record(AuditEvent.by(TESTER, "audit.test.rolled-back", Outcome.SUCCESS).withTargets(outer));
            requiresNew.executeWithoutResult(n -> log.record(AuditEvent.by(TESTER, "audit.test.nested", Outcome.SUCCESS)
                    .withTargets(inner)));
            assertThat(count(inner)).isEqualTo(1); // committed with the nested transaction
            log.record(AuditEvent.by(TESTER, "audit.test.rolled-back", Outcome.SUCCESS).withTargets(outer, "item:after"));
            s.setRollbackOnly();
        });

        assertThat(count(outer)).isZero();
        assertThat(count(inner)).isEqualTo(1);
    }

    @Test
    void anEntryRecordedWhileTheTransactionCommitsIsWrittenToo() {
        String first = "case:" + UUID.randomUUID();
        String during = "case:" + UUID.randomUUID();
        String onlyDuring = "case:" + UUID.randomUUID();
        var tx = new TransactionTemplate(transactions);
        // Recorded by another synchronization's beforeCommit, after an entry of the same transaction.
        tx.executeWithoutResult(s -> {
            log.record(AuditEvent.by(TESTER, "audit.test.commit", Outcome.SUCCESS).withTargets(first));
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            log.record(AuditEvent.by(TESTER, "audit.test.commit", Outcome.SUCCESS).withTargets(during));
                        }
                    });
        });
        // The first entry of its transaction, recorded while the transaction commits.
        tx.executeWithoutResult(s -> org.springframework.transaction.support.TransactionSynchronizationManager
                .registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        log.record(AuditEvent.by(TESTER, "audit.test.commit", Outcome.SUCCESS).withTargets(onlyDuring));
                    }
                }));

        assertThat(count(first)).isEqualTo(1);
        assertThat(count(during)).isEqualTo(1);
        assertThat(count(onlyDuring)).isEqualTo(1);
    }

    /**
     * The entries of a transaction are written just before it commits: this holds the transaction open after that
     * (its entries inserted, with their ids, not committed) until {@code commit} opens.
     */
    private static void holdOpenOnceWritten(CountDownLatch inserted, CountDownLatch commit) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void beforeCompletion() { // after every beforeCommit, before the commit itself
                        inserted.countDown();
                        await(commit);
                    }
                });
    }

    private long count(String target) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE targets @> ARRAY[CAST(:t AS text)]").param("t", target)
                .query(Long.class).single();
    }

    private long unsealedWith(String target) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry e WHERE e.targets @> ARRAY[CAST(:t AS text)]
                AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.entry_id = e.id)
                """).param("t", target).query(Long.class).single();
    }

    private long sealedWith(String target) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry e JOIN audit_seal s ON s.entry_id = e.id
                WHERE e.targets @> ARRAY[CAST(:t AS text)]
                """).param("t", target).query(Long.class).single();
    }

    private long idOf(String target) {
        return jdbc.sql("SELECT id FROM audit_entry WHERE targets @> ARRAY[CAST(:t AS text)]").param("t", target)
                .query(Long.class).single();
    }

    private long chainSeqOf(String target) {
        return jdbc.sql("""
                SELECT s.chain_seq FROM audit_entry e JOIN audit_seal s ON s.entry_id = e.id
                WHERE e.targets @> ARRAY[CAST(:t AS text)]
                """).param("t", target).query(Long.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
