package no.vern.website.internal;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The nightly work on the statistics: aggregate completed days into daily counts, then delete raw
 * page views older than the configured retention (S16, S17). Logs counts only.
 */
@Component
class StatisticsJobs {

    private static final Logger log = LoggerFactory.getLogger(StatisticsJobs.class);

    private final PageViews views;
    private final Salts salts;
    private final WebsiteProperties properties;

    StatisticsJobs(PageViews views, Salts salts, WebsiteProperties properties) {
        this.views = views;
        this.salts = salts;
        this.properties = properties;
    }

    /** Days single page views are kept (at least one); the policy states the same number ({@link CookieDeclaration}). */
    static long rawDays(WebsiteProperties properties) {
        return Math.max(1, properties.rawRetention().toDays());
    }

    /** Aggregates every completed day and purges raw rows past retention; returns the rows purged. */
    int aggregateAndPurge() {
        LocalDate today = salts.today();
        int days = views.aggregateBefore(today);
        LocalDate oldestKept = today.minusDays(rawDays(properties));
        int purged = views.purgeBefore(oldestKept);
        log.info("Website statistics: {} site-days aggregated, {} raw page views older than {} deleted", days, purged,
                oldestKept);
        return purged;
    }
}
