package no.vern.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.GiveConsent;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.register.RestrictionChanged;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.Tokens;
import no.vern.support.VernTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 25 item 3: the pull feed of change events (CloudEvents 1.0): what changed is there, in order, once, with ids
 * only; a reader following the cursor misses nothing that commits late and sees nothing twice.
 */
@VernTest
class ChangeFeedTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Locale NB = Locale.forLanguageTag("nb");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ChangeFeed feed;

    String read;

    @BeforeEach
    void token() {
        read = Tokens.bearer(tokens, ApiScope.CHANGES_READ);
    }

    @Test
    void aConsentGivenAndWithdrawnAppearsInOrderAsCloudEventsWithIdsOnly() throws Exception {
        String start = feed.after(null, Set.of(), ChangeFeed.MAX_PAGE).next();
        String start2 = drain(start);
        String canary = Canaries.uniqueEmail();
        ConsentReceipt given = ledger.give(new GiveConsent(null, "prospect-dialogue", Channel.WEB_FORM, NB, null, null,
                null, canary));
        ledger.withdraw(given.subject(), "prospect-dialogue", Channel.API, "ombestemt seg");

        // Followed as a reader would (another transaction of the shared context may hold the feed back a moment).
        List<JsonNode> mine = new ArrayList<>();
        StringBuilder bodies = new StringBuilder();
        String after = start2;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (mine.size() < 2 && System.nanoTime() < deadline) {
            String body = mvc.perform(get("/api/v1/events").param("after", after).param("limit", "500")
                    .header("Authorization", read)).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            bodies.append(body);
            JsonNode page = JSON.readTree(body);
            page.get("events").forEach(e -> {
                if (given.subject().toString().equals(e.path("subject").asText())) {
                    mine.add(e);
                }
            });
            after = page.get("next").asText();
            Thread.sleep(20);
        }
        String body = bodies.toString();
        assertThat(mine).extracting(e -> e.get("type").asText())
                .containsExactly("no.vern.consent.given", "no.vern.consent.withdrawn");
        JsonNode first = mine.get(0);
        assertThat(first.get("specversion").asText()).isEqualTo("1.0");
        assertThat(first.get("source").asText()).isEqualTo("/vern");
        assertThat(first.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(first.get("id").asText()).isNotBlank();
        assertThat(first.get("time").asText()).isNotBlank();
        assertThat(first.get("data").get("subjectId").asText()).isEqualTo(given.subject().toString());
        assertThat(first.get("data").get("purposes").get(0).asText()).isEqualTo("prospect-dialogue");
        assertThat(body).as("no personal data in the feed").doesNotContain(canary)
                .doesNotContain(canary.substring(0, canary.indexOf('@')));
    }

    @Test
    void anEventOfATransactionThatCommitsLateIsNotSkippedByAReaderThatWentOn() throws Exception {
        String cursor = drain(feed.after(null, Set.of(), ChangeFeed.MAX_PAGE).next());
        SubjectId slow = SubjectId.random();
        SubjectId quick = SubjectId.random();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // The slow transaction appends its event first and commits last.
            Future<?> slowTx = other.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                publisher.publishEvent(new RestrictionChanged(slow, true));
                appended.countDown();
                await(release);
            }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            new TransactionTemplate(transactions).executeWithoutResult(s -> publisher.publishEvent(new RestrictionChanged(quick, true)));

            ChangeFeed.Page whileOpen = feed.after(cursor, Set.of(ChangeType.RESTRICTION_SET), ChangeFeed.MAX_PAGE);
            assertThat(subjects(whileOpen)).as("nothing after a transaction still running is given out")
                    .doesNotContain(quick.toString(), slow.toString());

            release.countDown();
            slowTx.get(30, TimeUnit.SECONDS);
            // Another transaction older than the slow one (a job of the shared context) may still hold the feed
            // back for a moment: follow the cursor as a reader would until both have come.
            List<String> later = new ArrayList<>();
            String next = whileOpen.next();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!later.contains(quick.toString()) && System.nanoTime() < deadline) {
                ChangeFeed.Page page = feed.after(next, Set.of(ChangeType.RESTRICTION_SET), ChangeFeed.MAX_PAGE);
                later.addAll(subjects(page));
                next = page.next();
                Thread.sleep(20);
            }
            assertThat(later).as("both, in transaction order").containsSubsequence(slow.toString(), quick.toString());
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void pagesFollowedWhileEventsAreAppendedGiveEveryEventOnce() throws Exception {
        String cursor = drain(feed.after(null, Set.of(), ChangeFeed.MAX_PAGE).next());
        int writers = 3;
        int each = 20;
        Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    SubjectId s = SubjectId.random();
                    written.add(s.toString());
                    new TransactionTemplate(transactions).executeWithoutResult(
                            t -> publisher.publishEvent(new RestrictionChanged(s, false)));
                }
            }));
        }
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            ChangeFeed.Page page = feed.after(cursor, Set.of(ChangeType.RESTRICTION_LIFTED), 7);
            seen.addAll(subjects(page));
            cursor = page.next();
            if (running.stream().allMatch(Future::isDone) && seen.containsAll(written)) {
                break;
            }
        }
        pool.shutdown();
        for (Future<?> f : running) {
            f.get(1, TimeUnit.MINUTES);
        }
        List<String> ours = seen.stream().filter(written::contains).toList();
        assertThat(new HashSet<>(ours)).as("every event").isEqualTo(written);
        assertThat(ours).as("each once").hasSize(writers * each);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    no.vern.support.TestClock clock;

    /** The change events of these subjects as stored, in feed order: type, subject, purposes, time, transaction. */
    private List<List<Object>> stored(SubjectId... subjects) {
        return jdbc.sql("""
                SELECT type, subject_id, array_to_string(purposes, ','), occurred_at, CAST(tx AS text), id FROM changes_event
                 WHERE subject_id = ANY(:s) ORDER BY position""")
                .param("s", java.util.Arrays.stream(subjects).map(SubjectId::value).toArray(java.util.UUID[]::new))
                .query((rs, n) -> List.<Object>of(rs.getString(1), rs.getObject(2, java.util.UUID.class), rs.getString(3),
                        no.vern.shared.JdbcTime.required(rs, "occurred_at"), rs.getString(5), rs.getObject(6, java.util.UUID.class)))
                .list();
    }

    @Test
    void theEventsOfOneTransactionAreAppendedTogetherAtItsCommitInTheOrderPublishedEachWithItsOwnIdAndTime() {
        // Issue 28 item 8: a purge batch publishes hundreds of events; they are appended in one statement when the
        // transaction commits, with exactly what one append per event wrote.
        SubjectId a = SubjectId.random();
        SubjectId b = SubjectId.random();
        SubjectId c = SubjectId.random();
        clock.freeze();
        clock.setTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)); // as stored (microseconds)
        try {
            List<java.time.Instant> times = new ArrayList<>();
            List<Integer> seenBeforeCommit = new ArrayList<>();
            new TransactionTemplate(transactions).executeWithoutResult(s -> {
                times.add(clock.instant());
                publisher.publishEvent(new no.vern.register.RecordsErased(a, "customer-administration"));
                clock.advance(java.time.Duration.ofSeconds(1));
                times.add(clock.instant());
                publisher.publishEvent(new RestrictionChanged(b, true));
                clock.advance(java.time.Duration.ofSeconds(1));
                times.add(clock.instant());
                publisher.publishEvent(new no.vern.register.SubjectErased(a));
                clock.advance(java.time.Duration.ofSeconds(1));
                times.add(clock.instant());
                publisher.publishEvent(new RestrictionChanged(c, false));
                seenBeforeCommit.add(stored(a, b, c).size());
            });
            assertThat(seenBeforeCommit).as("nothing appended before the commit").containsExactly(0);
            List<List<Object>> rows = stored(a, b, c);
            assertThat(rows).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2), r -> r.get(3)).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("RECORDS_ERASED", a.value(), "customer-administration", times.get(0)),
                    org.assertj.core.groups.Tuple.tuple("RESTRICTION_SET", b.value(), "", times.get(1)),
                    org.assertj.core.groups.Tuple.tuple("SUBJECT_ERASED", a.value(), "", times.get(2)),
                    org.assertj.core.groups.Tuple.tuple("RESTRICTION_LIFTED", c.value(), "", times.get(3)));
            assertThat(rows).extracting(r -> r.get(4)).as("one transaction").containsOnly(rows.get(0).get(4));
            assertThat(rows).extracting(r -> r.get(5)).as("an id each").doesNotHaveDuplicates();
        } finally {
            clock.reset();
        }
    }

    @Test
    void theEventsOfATransactionThatRollsBackAreNeverAppended() {
        SubjectId a = SubjectId.random();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            publisher.publishEvent(new RestrictionChanged(a, true));
            s.setRollbackOnly();
        });
        assertThat(stored(a)).isEmpty();
    }

    @Test
    void aCursorOrLimitOrTypeTheFeedDoesNotKnowIsABadRequest() throws Exception {
        mvc.perform(get("/api/v1/events").param("after", "bogus").header("Authorization", read))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:vern:problem:validation"));
        mvc.perform(get("/api/v1/events").param("limit", "501").header("Authorization", read))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/events").param("types", "no.vern.nothing").header("Authorization", read))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/events").header("Authorization", Tokens.bearer(tokens, ApiScope.CONSENT_READ)))
                .andExpect(status().isForbidden());
    }

    /** Reads on until nothing more has ended; the cursor after everything there is now. */
    private String drain(String cursor) {
        String at = cursor;
        while (true) {
            ChangeFeed.Page page = feed.after(at, Set.of(), ChangeFeed.MAX_PAGE);
            if (page.events().isEmpty()) {
                return at;
            }
            at = page.next();
        }
    }

    private static List<String> subjects(ChangeFeed.Page page) {
        return page.events().stream().map(e -> String.valueOf(e.subject())).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
