package no.vern.website.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;
import no.vern.shared.PublicEndpoints;
import no.vern.shared.VernClock;

/**
 * Declares what the website module adds: its public endpoints (the banner and beacon carry no
 * session, so their POSTs are exempt from CSRF), console section, dashboard tiles, CORS for the
 * registered sites, and the nightly jobs (db-scheduler: one execution across all nodes).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebsiteProperties.class)
class WebsiteConfiguration {

    /** Roles that read the website pages. */
    public static final List<String> READERS = List.of("PRIVACY_OFFICER", "MARKETING", "AUDITOR");
    static final String SALT_TASK = "website-salt-rotation";
    static final String AGGREGATION_TASK = "website-statistics-aggregation";
    static final String PROOF_PURGE_TASK = "website-consent-proof-purge";

    @Bean
    PublicEndpoints websitePublicEndpoints() {
        return new PublicEndpoints("website",
                List.of("/site/**", "/.well-known/gpc.json", "/demo-site", "/demo-site/**"),
                List.of("/site/**"));
    }

    @Bean
    ConsoleSection websiteConsoleSection() {
        return new ConsoleSection(700, "/console/website", "website.nav", READERS, ConsoleSection.Group.CONSENT);
    }

    @Bean
    DashboardTile.Source websiteDashboardTiles(Statistics statistics, ConsentProofs proofs, Salts salts,
            MessageSource messages) {
        return () -> {
            LocalDate today = salts.today();
            ConsentProofs.Rates rates = proofs.rates(today.minusDays(30));
            Locale locale = LocaleContextHolder.getLocale();
            String accept = rates.total() == 0 ? messages.getMessage("website.tile.none", null, locale)
                    : rates.acceptPercent() + " %";
            return List.of(
                    new DashboardTile(700, "website.tile.views", Long.toString(statistics.viewsOn(today.minusDays(1))),
                            "/console/website", READERS, false),
                    new DashboardTile(701, "website.tile.accept", accept, "/console/website", READERS, false));
        };
    }

    @Bean
    FilterRegistrationBean<SiteCorsFilter> websiteCorsFilter(Sites sites) {
        FilterRegistrationBean<SiteCorsFilter> registration = new FilterRegistrationBean<>(new SiteCorsFilter(sites));
        registration.addUrlPatterns("/site/*", "/.well-known/gpc.json");
        // Before Spring Security, so that preflights (which carry no credentials) are answered here.
        registration.setOrder(-101); // Spring Security's filter chain runs at -100
        return registration;
    }

    /** Just after midnight in Oslo: today's salt is created and yesterday's destroyed (S16). */
    @Bean
    RecurringTask<Void> websiteSaltRotationTask(Salts salts) {
        return Tasks.recurring(SALT_TASK, Schedules.cron("5 0 0 * * *", VernClock.ZONE))
                .execute((instance, context) -> salts.rotateNow());
    }

    /** After the rotation: completed days are aggregated and old raw page views deleted. */
    @Bean
    RecurringTask<Void> websiteAggregationTask(StatisticsJobs jobs) {
        return Tasks.recurring(AGGREGATION_TASK, Schedules.cron("0 15 0 * * *", VernClock.ZONE))
                .execute((instance, context) -> jobs.aggregateAndPurge());
    }

    /** Nightly: consent proofs past the retention rule of the record of processing are deleted. */
    @Bean
    RecurringTask<Void> websiteConsentProofPurgeTask(ConsentProofPurge purge) {
        return Tasks.recurring(PROOF_PURGE_TASK, Schedules.cron("0 30 0 * * *", VernClock.ZONE))
                .execute((instance, context) -> purge.purge());
    }
}
