package no.vern.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a measured purge's database time goes, by statement (issue 28 item 8): {@code pg_stat_statements} and the
 * trigger functions' own times ({@code pg_stat_user_functions}) reset just before the purge and printed after it.
 * Needs a server that preloads the module ({@code shared_preload_libraries = 'pg_stat_statements'},
 * {@code track_functions = all}), i.e. {@code VERN_DB_URL} pointing at such a throw-away server, and
 * {@code -Dvern.bench.purge-statements=true} (environment variable {@code VERN_BENCH_HARNESS_OPTS} of
 * {@code bench/run.sh}). The embedded server of a normal run does not load the module; prints, figures nothing.
 * Everything the database executed meanwhile is counted, the server node's background jobs too.
 */
final class PurgeStatements {

    private final JdbcTemplate owner;

    private PurgeStatements(BenchContext c) {
        this.owner = new JdbcTemplate(c.bean("ownerDataSource", DataSource.class));
    }

    /** Resets the counters, or returns null when not asked for or the server does not preload the module. */
    static PurgeStatements start(BenchContext c) {
        if (!Boolean.getBoolean("vern.bench.purge-statements")) {
            return null;
        }
        PurgeStatements s = new PurgeStatements(c);
        try {
            s.owner.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.owner.execute("SELECT pg_stat_statements_reset()");
            s.owner.execute("SELECT pg_stat_reset()");
            return s;
        } catch (RuntimeException e) {
            System.out.println("    pg_stat_statements not available: " + e.getMessage());
            return null;
        }
    }

    /** Prints the statements by total execution time, top-level and nested (inside functions and triggers). */
    void print(String label) {
        List<Map<String, Object>> rows = owner.queryForList("""
                SELECT toplevel, calls, round(total_exec_time::numeric, 1) AS ms, rows,
                       shared_blks_hit + shared_blks_read AS blks, shared_blks_dirtied AS dirtied,
                       wal_records, regexp_replace(query, '\\s+', ' ', 'g') AS query
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC LIMIT 45""");
        Map<String, Object> totals = owner.queryForMap("""
                SELECT round(sum(total_exec_time) FILTER (WHERE toplevel)::numeric, 1) AS top_ms,
                       sum(calls) FILTER (WHERE toplevel) AS top_calls,
                       round(sum(total_exec_time) FILTER (WHERE NOT toplevel)::numeric, 1) AS nested_ms,
                       sum(calls) FILTER (WHERE NOT toplevel) AS nested_calls
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())""");
        System.out.println("    -- " + label + ": statements by total execution time (top-level " + totals.get("top_ms")
                + " ms in " + totals.get("top_calls") + " calls; nested in functions/triggers " + totals.get("nested_ms")
                + " ms in " + totals.get("nested_calls") + " calls)");
        System.out.println("    top  calls       ms     rows   blocks dirtied   wal  query");
        for (Map<String, Object> r : rows) {
            String q = String.valueOf(r.get("query"));
            System.out.println(String.format(Locale.ROOT, "    %-4s %5s %8s %8s %8s %7s %5s  %s",
                    Boolean.TRUE.equals(r.get("toplevel")) ? "top" : "nest", r.get("calls"), r.get("ms"), r.get("rows"),
                    r.get("blks"), r.get("dirtied"), r.get("wal_records"), q.length() > 220 ? q.substring(0, 220) + " …" : q));
        }
        List<Map<String, Object>> functions = owner.queryForList("""
                SELECT funcname, calls, round(total_time::numeric, 1) AS total_ms, round(self_time::numeric, 1) AS self_ms
                FROM pg_stat_user_functions ORDER BY total_time DESC LIMIT 15""");
        System.out.println("    functions and triggers (pg_stat_user_functions): " + functions);
    }
}
