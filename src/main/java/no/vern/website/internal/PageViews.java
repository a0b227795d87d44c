package no.vern.website.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import no.vern.shared.JdbcTime;

/**
 * Raw page views (kept a few days) and their daily aggregates (kept for trends). Neither holds an
 * IP address; the raw rows hold a salted visitor hash that is useless once the day's salt is gone.
 */
@Repository
class PageViews {

    private final JdbcClient jdbc;

    PageViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void recordView(UUID siteId, String viewId, LocalDate day, String path, @Nullable String referrerDomain,
            byte[] visitorHash, Instant at) {
        jdbc.sql("""
                INSERT INTO website_pageview (site_id, view_id, day, path, referrer_domain, visitor_hash, at)
                VALUES (:site, :view, :day, :path, :ref, :hash, :at) ON CONFLICT DO NOTHING""")
                .param("site", siteId).param("view", viewId).param("day", day).param("path", path)
                .param("ref", referrerDomain).param("hash", visitorHash).param("at", JdbcTime.param(at)).update();
    }

    /** Records the time on page of a view (the longest reported, since a tab may be hidden several times). */
    void recordDuration(UUID siteId, String viewId, int durationMs) {
        jdbc.sql("""
                UPDATE website_pageview SET duration_ms = GREATEST(COALESCE(duration_ms, 0), :d)
                WHERE site_id = :site AND view_id = :view""")
                .param("site", siteId).param("view", viewId).param("d", durationMs).update();
    }

    /** Recomputes the daily aggregates of every completed day that still has raw rows; returns the days. */
    @Transactional
    int aggregateBefore(LocalDate today) {
        jdbc.sql("""
                INSERT INTO website_daily (site_id, day, path, views, visitors, timed_views, total_duration_ms)
                SELECT site_id, day, path, count(*), count(DISTINCT visitor_hash), count(duration_ms),
                       COALESCE(sum(duration_ms), 0)
                FROM website_pageview WHERE day < :today GROUP BY site_id, day, path
                ON CONFLICT (site_id, day, path) DO UPDATE SET views = EXCLUDED.views, visitors = EXCLUDED.visitors,
                    timed_views = EXCLUDED.timed_views, total_duration_ms = EXCLUDED.total_duration_ms""")
                .param("today", today).update();
        jdbc.sql("""
                INSERT INTO website_daily_referrer (site_id, day, referrer_domain, views)
                SELECT site_id, day, referrer_domain, count(*)
                FROM website_pageview WHERE day < :today AND referrer_domain IS NOT NULL
                GROUP BY site_id, day, referrer_domain
                ON CONFLICT (site_id, day, referrer_domain) DO UPDATE SET views = EXCLUDED.views""")
                .param("today", today).update();
        return jdbc.sql("""
                INSERT INTO website_daily_total (site_id, day, views, visitors, timed_views, total_duration_ms)
                SELECT site_id, day, count(*), count(DISTINCT visitor_hash), count(duration_ms),
                       COALESCE(sum(duration_ms), 0)
                FROM website_pageview WHERE day < :today GROUP BY site_id, day
                ON CONFLICT (site_id, day) DO UPDATE SET views = EXCLUDED.views, visitors = EXCLUDED.visitors,
                    timed_views = EXCLUDED.timed_views, total_duration_ms = EXCLUDED.total_duration_ms""")
                .param("today", today).update();
    }

    /** Deletes raw rows of days before {@code oldestKept}; returns how many. */
    int purgeBefore(LocalDate oldestKept) {
        return jdbc.sql("DELETE FROM website_pageview WHERE day < :day").param("day", oldestKept).update();
    }
}
