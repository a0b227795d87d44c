package no.vern.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.retention.DueItem;
import no.vern.retention.ItemStatus;
import no.vern.retention.PurgeRun;
import no.vern.retention.RuleKind;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** Purge runs and their items in {@code retention_run} and {@code retention_run_item}: the progress record. */
@Repository
class Runs {

    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String REFUSED = "REFUSED";

    private final JdbcClient jdbc;

    Runs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, boolean dryRun, String status, Instant at, String by) {
        jdbc.sql("""
                INSERT INTO retention_run (id, dry_run, status, started_at, started_by) VALUES (:id, :dry, :status, :at, :by)
                """).param("id", id).param("dry", dryRun).param("status", status).param("at", JdbcTime.param(at))
                .param("by", by).update();
    }

    void insertItems(UUID run, List<DueItem> items) {
        // One statement for all items (issue 28 item 8): the arrays of the columns, unnested in item order.
        int n = items.size();
        if (n > 0) {
            Integer[] seqs = new Integer[n];
            UUID[] subjects = new UUID[n];
            String[] purposes = new String[n];
            String[] categories = new String[n];
            Integer[] versions = new Integer[n];
            String[] kinds = new String[n];
            String[] records = new String[n];
            String[] due = new String[n];
            String[] reasons = new String[n];
            String[] statuses = new String[n];
            for (int i = 0; i < n; i++) {
                DueItem item = items.get(i);
                seqs[i] = i + 1;
                subjects[i] = item.subject().value();
                purposes[i] = item.purposeKey();
                categories[i] = item.category();
                versions[i] = item.ruleVersion();
                kinds[i] = item.kind().name();
                records[i] = "{" + String.join(",", item.records().stream().map(UUID::toString).toList()) + "}";
                due[i] = item.dueAt().toString(); // ISO-8601 in UTC, exact to the nanosecond
                reasons[i] = item.reason();
                statuses[i] = item.status().name();
            }
            jdbc.sql("""
                    INSERT INTO retention_run_item (run_id, seq, subject_id, purpose_key, category, rule_version, kind,
                        record_ids, due_at, reason, status)
                    SELECT :run, t.seq, t.subject, t.purpose, t.category, t.version, t.kind, CAST(t.records AS uuid[]),
                           CAST(t.due AS timestamptz), t.reason, t.status
                    FROM unnest(CAST(:seqs AS int[]), CAST(:subjects AS uuid[]), CAST(:purposes AS text[]),
                                CAST(:categories AS text[]), CAST(:versions AS int[]), CAST(:kinds AS text[]),
                                CAST(:records AS text[]), CAST(:due AS text[]), CAST(:reasons AS text[]),
                                CAST(:statuses AS text[]))
                         AS t(seq, subject, purpose, category, version, kind, records, due, reason, status)
                    ORDER BY t.seq
                    """).param("run", run).param("seqs", seqs).param("subjects", subjects).param("purposes", purposes)
                    .param("categories", categories).param("versions", versions).param("kinds", kinds)
                    .param("records", records).param("due", due).param("reasons", reasons).param("statuses", statuses)
                    .update();
        }
        jdbc.sql("""
                UPDATE retention_run SET due_count = (SELECT count(*) FROM retention_run_item WHERE run_id = :run AND status IN ('DUE', 'PENDING')),
                    held_count = (SELECT count(*) FROM retention_run_item WHERE run_id = :run AND status = 'HELD')
                WHERE id = :run
                """).param("run", run).update();
    }

    /**
     * Claims up to {@code limit} pending items of a run for this transaction; other nodes skip them. The
     * transaction also takes an advisory lock per subject (without waiting): items of a subject another node
     * is purging are skipped, so two nodes never change one subject's rows at once (no deadlocks).
     */
    List<Claimed> claim(UUID run, int limit) {
        return jdbc.sql("""
                SELECT seq, subject_id, purpose_key, category, record_ids FROM retention_run_item
                WHERE run_id = :run AND status = 'PENDING' AND pg_try_advisory_xact_lock(11, hashtext(subject_id::text))
                ORDER BY seq LIMIT :n FOR UPDATE SKIP LOCKED
                """).param("run", run).param("n", limit)
                .query((rs, n) -> new Claimed(rs.getInt("seq"), new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getString("purpose_key"), rs.getString("category"),
                        Arrays.asList((UUID[]) rs.getArray("record_ids").getArray())))
                .list();
    }

    /** One claimed item. */
    record Claimed(int seq, SubjectId subject, String purposeKey, String category, List<UUID> records) {
    }

    /** One item done, with how many records it erased. */
    record Done(int seq, int erased) {
    }

    /** Marks these items of a run done, and counts them, in two statements. */
    void done(UUID run, List<Done> items, Instant at) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE retention_run_item i SET status = 'DONE', done_at = :at, erased = t.erased
                FROM unnest(CAST(:seqs AS int[]), CAST(:erased AS int[])) AS t(seq, erased)
                WHERE i.run_id = :run AND i.seq = t.seq
                """).param("run", run).param("at", JdbcTime.param(at))
                .param("seqs", items.stream().map(Done::seq).toArray(Integer[]::new))
                .param("erased", items.stream().map(Done::erased).toArray(Integer[]::new)).update();
        jdbc.sql("UPDATE retention_run SET done_count = done_count + :n WHERE id = :run").param("run", run)
                .param("n", items.size()).update();
    }

    void finish(UUID run, String status, Instant at) {
        jdbc.sql("UPDATE retention_run SET status = :status, finished_at = :at WHERE id = :run AND finished_at IS NULL")
                .param("run", run).param("status", status).param("at", JdbcTime.param(at)).update();
    }

    /** Subjects with an item of the run done (a resumed run checks that each left without records was shredded). */
    List<SubjectId> doneSubjects(UUID run) {
        return jdbc.sql("SELECT DISTINCT subject_id FROM retention_run_item WHERE run_id = :run AND status = 'DONE'")
                .param("run", run).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list();
    }

    long pending(UUID run) {
        return jdbc.sql("SELECT count(*) FROM retention_run_item WHERE run_id = :run AND status = 'PENDING'")
                .param("run", run).query(Long.class).single();
    }

    boolean approve(UUID run, String by, Instant at) {
        return jdbc.sql("""
                UPDATE retention_run SET approved_by = :by, approved_at = :at WHERE id = :run AND dry_run AND approved_at IS NULL
                """).param("run", run).param("by", by).param("at", JdbcTime.param(at)).update() == 1;
    }

    boolean anyApproved() {
        return jdbc.sql("SELECT count(*) FROM retention_run WHERE dry_run AND approved_at IS NOT NULL").query(Long.class)
                .single() > 0;
    }

    Optional<PurgeRun> unfinishedReal() {
        return jdbc.sql("SELECT * FROM retention_run WHERE NOT dry_run AND status = 'RUNNING' ORDER BY started_at LIMIT 1")
                .query(Runs::run).optional();
    }

    Optional<PurgeRun> find(UUID id) {
        return jdbc.sql("SELECT * FROM retention_run WHERE id = :id").param("id", id).query(Runs::run).optional();
    }

    List<PurgeRun> latest(int limit) {
        return jdbc.sql("SELECT * FROM retention_run ORDER BY started_at DESC, id LIMIT :n").param("n", limit)
                .query(Runs::run).list();
    }

    List<DueItem> items(UUID run) {
        return jdbc.sql("SELECT * FROM retention_run_item WHERE run_id = :run ORDER BY seq").param("run", run)
                .query((rs, n) -> new DueItem(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getString("purpose_key"), rs.getString("category"), rs.getInt("rule_version"),
                        RuleKind.valueOf(rs.getString("kind")), Arrays.asList((UUID[]) rs.getArray("record_ids").getArray()),
                        JdbcTime.required(rs, "due_at"), rs.getString("reason"), ItemStatus.valueOf(rs.getString("status"))))
                .list();
    }

    /** Deleted items per month (company zone) and rule: the report for the auditor. */
    record MonthCount(String month, String purposeKey, String category, String kind, long items, long records) {
    }

    List<MonthCount> deletedPerMonth() {
        return jdbc.sql("""
                SELECT to_char(i.done_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM') AS month, i.purpose_key, i.category, i.kind,
                       count(*) AS items, sum(i.erased) AS records
                FROM retention_run_item i JOIN retention_run r ON r.id = i.run_id
                WHERE NOT r.dry_run AND i.status = 'DONE'
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3
                """).query((rs, n) -> new MonthCount(rs.getString("month"), rs.getString("purpose_key"),
                        rs.getString("category"), rs.getString("kind"), rs.getLong("items"), rs.getLong("records")))
                .list();
    }

    private static PurgeRun run(ResultSet rs, int n) throws SQLException {
        return new PurgeRun(rs.getObject("id", UUID.class), rs.getBoolean("dry_run"), rs.getString("status"),
                JdbcTime.required(rs, "started_at"), JdbcTime.instant(rs, "finished_at"), rs.getString("started_by"),
                rs.getInt("due_count"), rs.getInt("held_count"), rs.getInt("done_count"), rs.getString("approved_by"),
                JdbcTime.instant(rs, "approved_at"));
    }
}
