package no.vern.website.internal;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecord;
import no.vern.shared.DemoMode;
import no.vern.shared.VernClock;
import no.vern.website.internal.ConsentProof.Decision;

/**
 * Registers the demo site Vern serves itself (always, so {@code /demo-site/} works after start) and,
 * in demo mode, fills an empty statistics store with about 30 days of invented daily counts and
 * banner choices so that the dashboard looks alive on first start. Deterministic (fixed seed).
 */
@Component
class DemoData implements no.vern.shared.DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String DEMO_NAME = "Demo: Nordlys Rådgivning AS";
    private static final List<String> PAGES = List.of("/demo-site/", "/demo-site/services.html",
            "/demo-site/contact.html", "/demo-site/about.html");
    private static final double[] PAGE_SHARE = { 0.46, 0.24, 0.18, 0.12 };
    private static final List<String> REFERRERS = List.of("google.com", "linkedin.com", "bing.com", "duckduckgo.com",
            "kode24.no");
    private static final double[] REFERRER_SHARE = { 0.30, 0.09, 0.04, 0.03, 0.02 };

    private final Sites sites;
    private final JdbcClient jdbc;
    private final ConsentProofs proofs;
    private final BannerConfigs banner;
    private final ProcessingRecord record;
    private final Salts salts;
    private final DemoMode demo;
    private final String baseUrl;

    DemoData(Sites sites, JdbcClient jdbc, ConsentProofs proofs, BannerConfigs banner, ProcessingRecord record,
            Salts salts, DemoMode demo, @Value("${vern.base-url}") String baseUrl) {
        this.sites = sites;
        this.jdbc = jdbc;
        this.proofs = proofs;
        this.banner = banner;
        this.record = record;
        this.salts = salts;
        this.demo = demo;
        this.baseUrl = baseUrl;
    }

    /** The demo site is registered on every start (demo mode or not); its invented statistics only in demo mode. */
    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        demoSite();
    }

    @Override
    public int order() {
        return no.vern.shared.DemoData.WORKFLOWS;
    }

    @Override
    public void load() {
        Site site = demoSite();
        if (demo.enabled() && proofs.isEmpty()) {
            generate(site.id(), salts.today(), 30);
        }
    }

    private synchronized Site demoSite() {
        return sites.demo().orElseGet(() -> sites.register(DEMO_NAME, baseUrl, true));
    }

    /** Writes {@code days} days of invented aggregates and choices before {@code today}. */
    void generate(UUID siteId, LocalDate today, int days) {
        Random random = new Random(42);
        BannerConfigs.BannerConfig config = banner.current(false);
        for (int i = days; i >= 1; i--) {
            LocalDate day = today.minusDays(i);
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            long views = (weekend ? 60 : 140) + random.nextInt(70) + (days - i) * 2L;
            long visitors = Math.round(views * (0.55 + random.nextDouble() * 0.1));
            long timed = Math.round(views * 0.85);
            long duration = timed * (35_000 + random.nextInt(40_000));
            jdbc.sql("""
                    INSERT INTO website_daily_total (site_id, day, views, visitors, timed_views, total_duration_ms)
                    VALUES (:site, :day, :views, :visitors, :timed, :duration) ON CONFLICT DO NOTHING""")
                    .param("site", siteId).param("day", day).param("views", views).param("visitors", visitors)
                    .param("timed", timed).param("duration", duration).update();
            for (int p = 0; p < PAGES.size(); p++) {
                long pageViews = Math.round(views * PAGE_SHARE[p]);
                jdbc.sql("""
                        INSERT INTO website_daily (site_id, day, path, views, visitors, timed_views, total_duration_ms)
                        VALUES (:site, :day, :path, :views, :visitors, :timed, :duration) ON CONFLICT DO NOTHING""")
                        .param("site", siteId).param("day", day).param("path", PAGES.get(p)).param("views", pageViews)
                        .param("visitors", Math.round(pageViews * 0.8)).param("timed", Math.round(pageViews * 0.85))
                        .param("duration", Math.round(duration * PAGE_SHARE[p])).update();
            }
            for (int r = 0; r < REFERRERS.size(); r++) {
                long referred = Math.round(views * REFERRER_SHARE[r] * (0.7 + random.nextDouble() * 0.6));
                if (referred > 0) {
                    jdbc.sql("""
                            INSERT INTO website_daily_referrer (site_id, day, referrer_domain, views)
                            VALUES (:site, :day, :ref, :views) ON CONFLICT DO NOTHING""")
                            .param("site", siteId).param("day", day).param("ref", REFERRERS.get(r))
                            .param("views", referred).update();
                }
            }
            int choices = 12 + random.nextInt(18);
            for (int c = 0; c < choices; c++) {
                double roll = random.nextDouble();
                boolean gpc = roll > 0.95;
                Decision decision = roll < 0.52 ? Decision.ACCEPT_ALL : roll < 0.84 || gpc ? Decision.REJECT_ALL
                        : Decision.CUSTOM;
                List<String> purposes = switch (decision) {
                    case ACCEPT_ALL -> BannerConfigs.OPTIONAL;
                    case REJECT_ALL -> List.of();
                    case CUSTOM -> random.nextBoolean() ? List.of("preferences") : List.of("statistics");
                };
                String lang = random.nextInt(5) == 0 ? "en" : "nb";
                ZonedDateTime at = day.atTime(8 + random.nextInt(14), random.nextInt(60)).atZone(VernClock.ZONE);
                proofs.record(siteId, UUID.randomUUID(), decision, purposes, gpc,
                        gpc ? ConsentProof.Reason.GPC : ConsentProof.Reason.CHOICE, record.current().version(),
                        config.noticeHash(lang), lang,
                        "Mozilla/5.0 (demo) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
                        at.toInstant());
            }
        }
        log.info("Demo mode: {} days of website statistics and banner choices generated", days);
    }
}
