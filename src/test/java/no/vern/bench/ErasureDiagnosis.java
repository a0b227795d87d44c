package no.vern.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import no.vern.shared.Actor;
import no.vern.shared.SubjectId;

/**
 * Where the time of one erasure goes, for a subject with 10 and one with 10,000 records (issue 28 item 7): each step
 * of the register's erasure timed on its own (called by reflection, in the order of {@code RequestedErasure.erase}),
 * the database's other activity sampled while a step runs, and EXPLAIN (ANALYZE, BUFFERS) of every statement of the
 * erasure in a rolled-back transaction. Run with {@code -Dvern.bench.erasure-diagnose=true} (environment variable
 * {@code VERN_BENCH_HARNESS_OPTS} of {@code bench/run.sh}); prints, figures nothing.
 */
final class ErasureDiagnosis {

    private final BenchContext c;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate owner;
    private final Object erasure;
    private final Method markErased;
    private final Method shred;
    private final Method finish;
    private final Method rowsPending;

    ErasureDiagnosis(BenchContext c) throws Exception {
        this.c = c;
        this.jdbc = new JdbcTemplate(c.bean(DataSource.class));
        this.owner = new JdbcTemplate(c.bean("ownerDataSource", DataSource.class));
        Class<?> type = Class.forName("no.vern.register.internal.Erasure");
        this.erasure = c.bean(type);
        this.markErased = accessible(type.getDeclaredMethod("markErased", SubjectId.class));
        this.shred = accessible(type.getDeclaredMethod("shred", SubjectId.class));
        this.finish = accessible(type.getDeclaredMethod("finish", SubjectId.class, Actor.class));
        this.rowsPending = accessible(type.getDeclaredMethod("rowsPending", SubjectId.class));
    }

    private static Method accessible(Method m) {
        m.setAccessible(true);
        return m;
    }

    /** Times the steps of one erasure of {@code subject} and samples what else the database does meanwhile. */
    Map<String, Double> steps(SubjectId subject) throws Exception {
        Map<String, Double> ms = new LinkedHashMap<>();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> sample(seen, running), "erasure-diagnosis-sampler");
        sampler.start();
        try {
            Actor actor = Actor.system("bench-erasure");
            time(ms, "mark", () -> markErased.invoke(erasure, subject));
            time(ms, "shred", () -> shred.invoke(erasure, subject));
            time(ms, "finish", () -> finish.invoke(erasure, subject, actor));
            time(ms, "rowsPending", () -> rowsPending.invoke(erasure, subject));
        } finally {
            running.set(false);
            sampler.join();
        }
        if (!seen.isEmpty()) {
            System.out.println("    other database activity while it ran (samples): " + seen);
        }
        return ms;
    }

    interface Step {
        void run() throws Exception;
    }

    private static void time(Map<String, Double> ms, String name, Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        ms.put(name, (System.nanoTime() - start) / 1e6);
    }

    /** Other backends that are not idle (autovacuum, the recovery job's deletes, checkpoints), every millisecond. */
    private void sample(Map<String, Integer> seen, AtomicBoolean running) {
        JdbcTemplate sampler = owner;
        while (running.get()) {
            try {
                for (Map<String, Object> row : sampler.queryForList("""
                        SELECT backend_type, state, wait_event_type, wait_event, left(query, 60) AS q
                        FROM pg_stat_activity
                        WHERE pid <> pg_backend_pid() AND (state IS NULL OR state NOT LIKE 'idle%')
                          AND backend_type NOT IN ('walwriter', 'background writer', 'checkpointer', 'logical replication launcher',
                                                   'autovacuum launcher', 'archiver')
                          AND coalesce(query, '') NOT LIKE 'LISTEN%'
                        """)) {
                    String q = String.valueOf(row.get("q"));
                    boolean erase = q.contains("register_subject") || q.contains("register_blind_index")
                            || q.contains("register_idempotency") || q.contains("register_change")
                            || q.contains("crypto_") || q.contains("audit_entry") || q.contains("changes_event")
                            || q.contains("event_publication") || q.contains("communications_") || q.contains("informing_");
                    String key = (erase ? "[erase] " : "") + row.get("backend_type") + " " + row.get("wait_event_type") + "/"
                            + row.get("wait_event") + " " + q.replaceAll("\\s+", " ");
                    seen.merge(key, 1, Integer::sum);
                }
                Thread.sleep(1);
            } catch (Exception e) {
                return;
            }
        }
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of each statement of the erasure for this subject, rolled back. */
    void explain(SubjectId subject, String label) {
        String id = "'" + subject.value() + "'::uuid";
        String[] statements = {
                "SELECT * FROM register_subject WHERE id = " + id,
                "UPDATE register_subject SET erased_at = now() WHERE id = " + id + " AND erased_at IS NULL",
                "UPDATE register_subject SET erasure_completed_at = now(), kinds = kinds, organisation_id = NULL, "
                        + "version = version + 1, updated_at = now() WHERE id = ANY(ARRAY[" + id
                        + "]) AND erasure_completed_at IS NULL RETURNING id",
                "SELECT subject_id, hash FROM register_blind_index WHERE subject_id = ANY(ARRAY[" + id + "]) AND kind = 'email'",
                "DELETE FROM informing_notice WHERE subject_id = " + id,
                "DELETE FROM register_blind_index WHERE subject_id = ANY(ARRAY[" + id + "])",
                "DELETE FROM register_idempotency WHERE subject_id = ANY(ARRAY[" + id + "])",
                "INSERT INTO register_change (subject_id, at, actor, category, change) SELECT s, now(), 'system:bench', "
                        + "'subject', 'erased' FROM unnest(ARRAY[" + id + "]) WITH ORDINALITY AS t(s, n) ORDER BY t.n",
                "SELECT count(*) FROM register_subject WHERE id = " + id
                        + " AND erasure_completed_at IS NOT NULL AND rows_deleted_at IS NULL" };
        System.out.println("  EXPLAIN (ANALYZE, BUFFERS), " + label + ":");
        owner.execute((java.sql.Connection con) -> {
            boolean auto = con.getAutoCommit();
            con.setAutoCommit(false);
            try (java.sql.Statement st = con.createStatement()) {
                st.execute("SET LOCAL ROLE vern_app");
                for (String sql : statements) {
                    List<String> plan = new ArrayList<>();
                    try (java.sql.ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                        while (rs.next()) {
                            plan.add(rs.getString(1));
                        }
                    }
                    String top = plan.isEmpty() ? "" : plan.get(0).trim();
                    String summary = plan.stream().filter(l -> l.contains("Execution Time") || l.contains("Trigger ")
                            || l.trim().startsWith("Buffers:") && plan.indexOf(l) < 3).map(String::trim)
                            .reduce((a, b) -> a + "; " + b).orElse("");
                    System.out.println("    " + sql.substring(0, Math.min(60, sql.length())) + " ...\n      " + top
                            + "\n      " + summary);
                }
            } finally {
                con.rollback();
                con.setAutoCommit(auto);
            }
            return null;
        });
    }

    static String format(Map<String, Double> ms) {
        StringBuilder s = new StringBuilder();
        ms.forEach((k, v) -> s.append(k).append(' ').append(String.format(Locale.ROOT, "%.2f", v)).append(" ms, "));
        return s.toString();
    }
}
