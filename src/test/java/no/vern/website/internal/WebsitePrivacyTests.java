package no.vern.website.internal;

import static no.vern.website.internal.WebsiteRequests.beacon;
import static no.vern.website.internal.WebsiteRequests.consent;
import static no.vern.website.internal.WebsiteRequests.leave;
import static no.vern.website.internal.WebsiteRequests.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.processing.ProcessingRecord;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * S16: visitors' IP addresses are never stored nor linked to anyone. A canary address is sent with
 * a visit and a banner choice, then every column of every table is searched for it (the log is
 * searched by the canary check that runs after every test class). The daily salt makes yesterday's
 * visitors unrecognisable once it has been destroyed.
 */
@VernTest
class WebsitePrivacyTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;
    @Autowired
    TestClock clock;
    @Autowired
    Salts salts;
    @Autowired
    VisitorHasher hasher;
    @Autowired
    Sites sites;
    @Autowired
    StatisticsJobs jobs;
    @Autowired
    ProcessingRecord record;

    @AfterEach
    void backToToday() {
        clock.reset();
        salts.rotateNow();
    }

    @Test
    void noIpAddressIsStoredInAnyTableAfterAVisit() throws Exception {
        String id = "canaryvisit" + System.nanoTime();
        mvc.perform(beacon(Canaries.IP, view(id, "/demo-site/", "https://www.google.com/"))).andExpect(status().isNoContent());
        mvc.perform(beacon(Canaries.IP, leave(id, "/demo-site/", 3000))).andExpect(status().isNoContent());
        mvc.perform(consent(Canaries.IP, "{\"decision\":\"ACCEPT_ALL\",\"purposes\":[\"preferences\",\"statistics\"],"
                + "\"gpc\":false,\"version\":" + record.current().version() + ",\"lang\":\"en\"}"))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT count(*) FROM website_pageview WHERE view_id = :id").param("id", id)
                .query(Long.class).single()).isOne();

        JdbcClient asOwner = JdbcClient.create(owner);
        List<String> tables = asOwner.sql("""
                SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")
                .query(String.class).list();
        assertThat(tables).contains("public.website_pageview", "public.website_consent");
        String hexIp = HexFormat.of().formatHex(Canaries.IP.getBytes());
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            long hits = asOwner.sql("SELECT count(*) FROM " + table + " t WHERE t::text LIKE :ip OR t::text LIKE :hex")
                    .param("ip", "%" + Canaries.IP + "%").param("hex", "%" + hexIp + "%").query(Long.class).single();
            if (hits > 0) {
                found.add(table);
            }
        }
        assertThat(found).as("tables holding the canary IP address").isEmpty();
    }

    @Test
    void yesterdaysSaltIsDestroyedAndItsVisitorsCannotBeRecognised() {
        UUID site = sites.demo().orElseThrow().id();
        LocalDate today = salts.today();
        byte[] todaysHash = hasher.hash(Canaries.IP, WebsiteRequests.FIREFOX, site);
        assertThat(salts.days()).containsExactly(today);

        clock.advance(Duration.ofDays(1));
        salts.rotateNow(); // what the db-scheduler task does just after midnight

        assertThat(salts.days()).containsExactly(today.plusDays(1));
        assertThat(salts.cachesOtherThan(today.plusDays(1))).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM website_salt WHERE day = :d").param("d", today).query(Long.class)
                .single()).isZero();
        // The same person the next day is a different, unlinkable visitor.
        assertThat(hasher.hash(Canaries.IP, WebsiteRequests.FIREFOX, site)).isNotEqualTo(todaysHash);
    }

    @Test
    void completedDaysAreAggregatedAndRawPageViewsPurgedAfterTheRetention() throws Exception {
        String id = "aggregated" + System.nanoTime();
        LocalDate day = salts.today();
        mvc.perform(beacon("198.51.100.40", view(id, "/demo-site/aggregate.html", "https://duckduckgo.com/")))
                .andExpect(status().isNoContent());
        mvc.perform(beacon("198.51.100.40", leave(id, "/demo-site/aggregate.html", 6000)))
                .andExpect(status().isNoContent());

        clock.advance(Duration.ofDays(1));
        jobs.aggregateAndPurge();
        var daily = jdbc.sql("SELECT views, visitors, timed_views, total_duration_ms FROM website_daily "
                + "WHERE day = :d AND path = '/demo-site/aggregate.html'").param("d", day).query().singleRow();
        assertThat(daily.get("views")).isEqualTo(1L);
        assertThat(daily.get("visitors")).isEqualTo(1L);
        assertThat(daily.get("total_duration_ms")).isEqualTo(6000L);
        assertThat(jdbc.sql("SELECT count(*) FROM website_pageview WHERE view_id = :id").param("id", id)
                .query(Long.class).single()).as("raw row kept within the retention").isOne();

        clock.advance(Duration.ofDays(7)); // vern.website.raw-retention defaults to 7 days
        jobs.aggregateAndPurge();
        assertThat(jdbc.sql("SELECT count(*) FROM website_pageview WHERE view_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT views FROM website_daily WHERE day = :d AND path = '/demo-site/aggregate.html'")
                .param("d", day).query(Long.class).single()).isOne();
    }
}
