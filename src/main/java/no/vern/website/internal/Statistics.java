package no.vern.website.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the anonymous statistics for the console: completed days from the daily aggregates, days
 * not yet aggregated (today) straight from the raw page views. Visitors are unique per day only:
 * the salt changes daily, so nobody can follow a visitor from one day to the next (S16).
 */
@Component
class Statistics {

    /** Figures of one day or week. */
    public record Period(LocalDate start, long views, long visitors, long timedViews, long totalDurationMs) {

        /** Average visible time on a page, in seconds. */
        public long avgSeconds() {
            return timedViews == 0 ? 0 : Math.round(totalDurationMs / 1000.0 / timedViews);
        }
    }

    /** A page or referrer with its count. */
    public record Ranked(String label, long views) {
    }

    /** Everything the dashboard shows for one site and period. */
    public record Summary(List<Period> series, Period total, List<Ranked> topPages, List<Ranked> referrers) {
    }

    private final JdbcClient jdbc;

    Statistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The figures of a site from {@code from} to {@code to} (inclusive), per day or per ISO week. */
    public Summary summary(UUID siteId, LocalDate from, LocalDate to, boolean weekly) {
        Map<LocalDate, Period> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, new Period(d, 0, 0, 0, 0));
        }
        jdbc.sql("""
                SELECT day, views, visitors, timed_views, total_duration_ms FROM website_daily_total
                WHERE site_id = :site AND day BETWEEN :from AND :to
                UNION ALL
                SELECT day, count(*), count(DISTINCT visitor_hash), count(duration_ms), COALESCE(sum(duration_ms), 0)
                FROM website_pageview p WHERE site_id = :site AND day BETWEEN :from AND :to
                  AND NOT EXISTS (SELECT 1 FROM website_daily_total t WHERE t.site_id = p.site_id AND t.day = p.day)
                GROUP BY day""")
                .param("site", siteId).param("from", from).param("to", to)
                .query((rs, n) -> new Period(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list().forEach(p -> days.merge(p.start(), p, Statistics::add));
        List<Period> series = new ArrayList<>(days.values());
        if (weekly) {
            Map<LocalDate, Period> weeks = new LinkedHashMap<>();
            for (Period p : series) {
                LocalDate monday = p.start().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                weeks.merge(monday, new Period(monday, p.views(), p.visitors(), p.timedViews(), p.totalDurationMs()),
                        Statistics::add);
            }
            series = new ArrayList<>(weeks.values());
        }
        Period total = series.stream().reduce(new Period(from, 0, 0, 0, 0), Statistics::add);
        return new Summary(series, total, ranked("path", "website_daily", siteId, from, to),
                ranked("referrer_domain", "website_daily_referrer", siteId, from, to));
    }

    /** Page views of all sites on one day. */
    public long viewsOn(LocalDate day) {
        return jdbc.sql("""
                SELECT COALESCE((SELECT sum(views) FROM website_daily_total WHERE day = :day), 0)
                     + (SELECT count(*) FROM website_pageview p WHERE day = :day AND NOT EXISTS
                          (SELECT 1 FROM website_daily_total t WHERE t.site_id = p.site_id AND t.day = p.day))""")
                .param("day", day).query(Long.class).single();
    }

    private List<Ranked> ranked(String column, String table, UUID siteId, LocalDate from, LocalDate to) {
        // column and table are constants of this class, never input.
        return jdbc.sql("""
                SELECT label, sum(views) AS views FROM (
                  SELECT %1$s AS label, views FROM %2$s WHERE site_id = :site AND day BETWEEN :from AND :to
                  UNION ALL
                  SELECT %1$s, count(*) FROM website_pageview p WHERE site_id = :site AND day BETWEEN :from AND :to
                    AND %1$s IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM website_daily_total t WHERE t.site_id = p.site_id AND t.day = p.day)
                  GROUP BY %1$s) x
                GROUP BY label ORDER BY views DESC, label LIMIT 10""".formatted(column, table))
                .param("site", siteId).param("from", from).param("to", to)
                .query((rs, n) -> new Ranked(rs.getString("label"), rs.getLong("views"))).list();
    }

    private static Period add(Period a, Period b) {
        return new Period(a.start(), a.views() + b.views(), a.visitors() + b.visitors(), a.timedViews() + b.timedViews(),
                a.totalDurationMs() + b.totalDurationMs());
    }
}
