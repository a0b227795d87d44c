package no.vern.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.shared.Actor;

/**
 * Audit append ({@link AuditLog#record}, hash-chained by the background sealer of both nodes) against a plain
 * insert of the same row into a scratch table with only a primary key, every row in its own transaction, the same
 * threads, interleaved rounds of a fixed number of rows.
 */
final class AuditAppendBenchmark implements Benchmark {

    private static final Actor ACTOR = new Actor(Actor.Kind.STAFF, "bench-user");
    private final int rowsPerRound;

    AuditAppendBenchmark(int rowsPerRound) {
        this.rowsPerRound = rowsPerRound;
    }

    @Override
    public String name() {
        return "audit append";
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        AuditLog log = c.bean(AuditLog.class);
        JdbcTemplate owner = new JdbcTemplate(c.bean("ownerDataSource", DataSource.class));
        JdbcTemplate jdbc = new JdbcTemplate(c.bean(DataSource.class));
        TransactionTemplate tx = new TransactionTemplate(c.bean(PlatformTransactionManager.class));
        owner.execute("""
                CREATE TABLE IF NOT EXISTS bench_audit_plain (
                    id BIGSERIAL PRIMARY KEY, occurred_at TIMESTAMPTZ NOT NULL, actor TEXT NOT NULL,
                    action TEXT NOT NULL, outcome TEXT NOT NULL, purpose TEXT, targets TEXT[] NOT NULL,
                    request_id TEXT)
                """);
        owner.execute("GRANT SELECT, INSERT ON bench_audit_plain TO vern_app");
        owner.execute("GRANT USAGE ON SEQUENCE bench_audit_plain_id_seq TO vern_app");
        try {
            Load.Op append = (t, i) -> tx.executeWithoutResult(s -> log.record(event(t, i)));
            Load.Op plain = (t, i) -> tx.executeWithoutResult(s -> {
                AuditEvent e = event(t, i);
                jdbc.update("""
                        INSERT INTO bench_audit_plain (occurred_at, actor, action, outcome, purpose, targets, request_id)
                        VALUES (now(), ?, ?, ?, ?, string_to_array(?, ','), NULL)
                        """, e.actor().reference(), e.action(), e.outcome().name(), e.purpose(),
                        String.join(",", e.targets()));
            });
            c.load().fixed(append, 200);
            c.load().fixed(plain, 200);
            List<Load.Result> audit = new ArrayList<>();
            List<Load.Result> base = new ArrayList<>();
            for (int r = 0; r < c.rounds(); r++) {
                base.add(c.load().fixed(plain, rowsPerRound));
                audit.add(c.load().fixed(append, rowsPerRound));
            }
            Load.Result a = ConsentCheckBenchmark.mean(audit);
            Load.Result b = ConsentCheckBenchmark.mean(base);
            return List.of(Figure.of("audit append", a.perSecond(), "entries/s", "plain insert", b.perSecond(), true,
                    c.load().threads() + " threads, " + c.rounds() + " x " + rowsPerRound
                            + " rows, a transaction each; goal >= 0.5x"));
        } finally {
            owner.execute("DROP TABLE IF EXISTS bench_audit_plain");
        }
    }

    private static AuditEvent event(int thread, int index) {
        return AuditEvent.by(ACTOR, "register.subject.read", Outcome.SUCCESS).withPurpose("customer-administration")
                .withTargets("subject:" + new UUID(thread, index));
    }
}
