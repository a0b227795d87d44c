package no.vern.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiToken;
import no.vern.shared.ClusterNotifications;
import no.vern.shared.DatabaseEndpoint;
import no.vern.support.TestDatabases;

/**
 * Issue 28 item 2: bearer tokens come from a short-lived cache per node that a revocation on any node empties on
 * every node (LISTEN/NOTIFY, delivered at commit), that is bypassed while a node does not listen, and that records a
 * token's use at most once a minute. Two nodes are two caches with listeners of their own on one database.
 */
@no.vern.support.Isolated // two caches of its own on a database of its own: beside the suite on the second worker
class TokenCacheTest {

    private static final byte[] HASH = new byte[] { 1, 2, 3, 4 };
    private final ApiToken token = new ApiToken(UUID.randomUUID(), "cache-test", "vern_abc", EnumSet.of(ApiScope.values()[0]),
            "system:test", Instant.parse("2026-01-01T00:00:00Z"), null, null, null);

    private HikariDataSource pool;
    private JdbcClient jdbc;
    private ClusterNotifications nodeA;
    private ClusterNotifications nodeB;
    private TokenCache cacheA;
    private TokenCache cacheB;

    @BeforeEach
    void nodes() throws Exception {
        String url = TestDatabases.fresh();
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(TestDatabases.USER);
        pool.setMaximumPoolSize(2);
        jdbc = JdbcClient.create(pool);
        DatabaseEndpoint endpoint = new DatabaseEndpoint(url, TestDatabases.USER, "", true);
        nodeA = new ClusterNotifications("test-node-a", ClusterNotifications.connectingTo(endpoint, "test-node-a"));
        nodeB = new ClusterNotifications("test-node-b", ClusterNotifications.connectingTo(endpoint, "test-node-b"));
        cacheA = new TokenCache(nodeA, jdbc, Duration.ofMinutes(5));
        cacheB = new TokenCache(nodeB, jdbc, Duration.ofMinutes(5));
        nodeA.start();
        nodeB.start();
        await(() -> nodeA.isListening() && nodeB.isListening(), "both listeners");
    }

    @AfterEach
    void close() {
        nodeA.stop();
        nodeB.stop();
        pool.close();
    }

    /** A store that counts its queries. */
    private static final class Store implements Function<byte[], Optional<ApiToken>> {
        final AtomicInteger reads = new AtomicInteger();
        volatile Optional<ApiToken> answer;

        Store(ApiToken token) {
            answer = Optional.of(token);
        }

        @Override
        public Optional<ApiToken> apply(byte[] hash) {
            reads.incrementAndGet();
            return answer;
        }
    }

    @Test
    void aKnownTokenIsReadFromTheStoreOnceThenFromTheCache() {
        Store store = new Store(token);
        for (int i = 0; i < 5; i++) {
            assertThat(cacheA.byHash(HASH, store)).contains(token);
        }
        assertThat(store.reads).hasValue(1);
    }

    @Test
    void anUnknownSecretIsNeverCached() {
        Store store = new Store(token);
        store.answer = Optional.empty();
        cacheA.byHash(HASH, store);
        cacheA.byHash(HASH, store);
        assertThat(store.reads).hasValue(2);
    }

    @Test
    void aRevocationCommittedOnOneNodeEmptiesTheCacheOfEveryNode() throws Exception {
        Store storeA = new Store(token);
        Store storeB = new Store(token);
        cacheA.byHash(HASH, storeA);
        cacheB.byHash(HASH, storeB);
        ApiToken revoked = new ApiToken(token.id(), token.name(), token.prefix(), token.scopes(), token.createdBy(),
                token.createdAt(), null, Instant.parse("2026-06-01T00:00:00Z"), null);
        storeA.answer = Optional.of(revoked);
        storeB.answer = Optional.of(revoked);

        new TransactionTemplate(new DataSourceTransactionManager(pool)).executeWithoutResult(s -> cacheA.changed(token.id()));

        assertThat(cacheA.byHash(HASH, storeA)).as("the revoking node at once").contains(revoked);
        await(() -> cacheB.byHash(HASH, storeB).equals(Optional.of(revoked)), "the other node to read the token anew");
        assertThat(storeB.reads.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRevocationRolledBackTellsNoNode() throws Exception {
        Store storeB = new Store(token);
        cacheB.byHash(HASH, storeB);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
        tx.executeWithoutResult(s -> {
            cacheA.changed(token.id());
            s.setRollbackOnly();
        });
        Thread.sleep(1500);
        cacheB.byHash(HASH, storeB);
        assertThat(storeB.reads).as("no notification reached node B").hasValue(1);
    }

    @Test
    void whileANodeDoesNotListenEveryLookupGoesToTheStore() {
        nodeB.stop();
        Store store = new Store(token);
        cacheB.byHash(HASH, store);
        cacheB.byHash(HASH, store);
        assertThat(store.reads).hasValue(2);
    }

    @Test
    void useIsRecordedAtMostOnceAMinutePerToken() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(cacheA.shouldTouch(token.id(), t)).isTrue();
        assertThat(cacheA.shouldTouch(token.id(), t.plusSeconds(59))).isFalse();
        assertThat(cacheA.shouldTouch(token.id(), t.plusSeconds(61))).isTrue();
        assertThat(cacheA.shouldTouch(UUID.randomUUID(), t.plusSeconds(62))).isTrue();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
