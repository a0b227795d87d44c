package no.vern.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.vern.audit.AuditChain;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.AuditVerification;
import no.vern.audit.Outcome;
import no.vern.shared.Actor;

/**
 * Issue 28 item 3: audit entries of reads are written by one writer, many per transaction (group commit); each
 * caller returns only once its entry is committed; the entries seal into the chain like any other; a read inside a
 * transaction is written in it; and a batch that cannot be written fails its callers instead of answering them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class GroupCommitWriterTest {

    private static final Actor TESTER = Actor.system("group-commit-test");

    @Autowired
    AuditLog log;
    @Autowired
    AuditChain chain;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void concurrentReadsAreCommittedTogetherEachCallerAfterItsCommitAndTheyChain() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // A linger of 200 ms: entries arriving within it share the batch, whatever the machine's load.
        GroupCommitWriter writer = new GroupCommitWriter(jdbcTemplate,
                new AuditProperties.GroupCommit(Duration.ofMillis(200), 500, Duration.ofSeconds(30)), meters);
        writer.start();
        String target = "case:" + UUID.randomUUID();
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Long>> seen = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int n = i;
                seen.add(pool.submit(() -> {
                    go.await();
                    writer.append(JdbcAuditLog.Row.of(AuditEvent.by(TESTER, "audit.test.read", Outcome.SUCCESS)
                            .withPurpose("testing").withTargets(target, "item:" + n), java.time.Clock.systemUTC()));
                    // Right after append returns, another connection sees the caller's own entry: it is committed.
                    return jdbc.sql("SELECT count(*) FROM audit_entry WHERE :item = ANY(targets) AND :t = ANY(targets)")
                            .param("item", "item:" + n).param("t", target).query(Long.class).single();
                }));
            }
            go.countDown();
            for (Future<Long> f : seen) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(1L);
            }
        } finally {
            pool.shutdownNow();
            writer.stop();
        }
        long batches = writer.batchSizes().count();
        assertThat(batches).as("fewer commits than entries").isLessThan(callers);
        assertThat(writer.batchSizes().totalAmount()).isEqualTo(callers);
        assertThat(writer.batchSizes().max()).isGreaterThan(1);

        chain.sealPending();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry e JOIN audit_seal s ON s.entry_id = e.id WHERE :t = ANY(e.targets)
                """).param("t", target).query(Long.class).single()).isEqualTo(callers);
        AuditVerification verification = chain.verify();
        assertThat(verification.ok()).isTrue();
    }

    @Test
    void manyEntriesWrittenInOneStatementKeepTheirOrderTimesNullsAndTargets() {
        String run = "multi-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-12-07T17:00:00.123456Z");
        JdbcAuditLog.insertMany(jdbcTemplate, List.of(
                new JdbcAuditLog.Row(at, "system:test", "audit.test.read", "SUCCESS", null, "", run + "-1"),
                new JdbcAuditLog.Row(at.plusSeconds(1), "system:test", "audit.test.read", "SUCCESS", "testing",
                        "case:1,item:2", run + "-2"),
                new JdbcAuditLog.Row(at.plusSeconds(2), "system:other", "audit.test.other", "FAILURE", "testing",
                        "case:3", run + "-3")));

        List<String> rows = jdbc.sql("""
                SELECT request_id || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|'
                       || actor || '|' || action || '|' || outcome || '|' || coalesce(purpose, '-') || '|'
                       || (array_length(targets, 1) IS NULL)::text || '|' || array_to_string(targets, ';')
                FROM audit_entry WHERE request_id LIKE :run ORDER BY id
                """).param("run", run + "%").query(String.class).list();
        assertThat(rows).containsExactly(
                run + "-1|2026-12-07T17:00:00.123456|system:test|audit.test.read|SUCCESS|-|true|",
                run + "-2|2026-12-07T17:00:01.123456|system:test|audit.test.read|SUCCESS|testing|false|case:1;item:2",
                run + "-3|2026-12-07T17:00:02.123456|system:other|audit.test.other|FAILURE|testing|false|case:3");
    }

    @Test
    void aReadInsideATransactionIsWrittenInItAtItsCommitAndGoesWithItsRollback() {
        String committed = "case:" + UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            log.recordRead(AuditEvent.by(TESTER, "audit.test.read", Outcome.SUCCESS).withTargets(committed));
            assertThat(count(committed)).as("written with the transaction's entries as it commits").isZero();
        });
        assertThat(count(committed)).isEqualTo(1);

        String target = "case:" + UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            log.recordRead(AuditEvent.by(TESTER, "audit.test.read", Outcome.SUCCESS).withTargets(target));
            s.setRollbackOnly();
        });
        assertThat(count(target)).isZero();
    }

    @Test
    void aReadOutsideATransactionIsCommittedWhenRecordReadReturns() {
        String target = "case:" + UUID.randomUUID();
        log.recordRead(AuditEvent.by(TESTER, "audit.test.read", Outcome.SUCCESS).withTargets(target));
        assertThat(count(target)).isEqualTo(1);
    }

    @Test
    void aBatchThatCannotBeWrittenFailsItsCallers() {
        DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/nowhere", "x", "y");
        GroupCommitWriter writer = new GroupCommitWriter(new JdbcTemplate(nowhere),
                new AuditProperties.GroupCommit(Duration.ZERO, 500, Duration.ofSeconds(30)), new SimpleMeterRegistry());
        writer.start();
        try {
            assertThatThrownBy(() -> writer.append(new JdbcAuditLog.Row(Instant.now(), "system:test", "audit.test.read",
                    "SUCCESS", null, "", null))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not be written");
        } finally {
            writer.stop();
        }
    }

    private long count(String target) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE :t = ANY(targets)").param("t", target)
                .query(Long.class).single();
    }
}
