package no.vern.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import no.vern.identity.ApiToken;
import no.vern.shared.ClusterNotifications;

/**
 * Bearer tokens as last read from the store, for a short while, so that a busy API client does not cost a token
 * query per call. Coherent across nodes: revoking a token notifies every node ({@link #CHANNEL}, sent in the
 * revoking transaction, so delivered on commit) and each node forgets every cached token at once; the revoking node
 * also forgets them as soon as its own transaction commits. Nothing is cached while this node's listener is not
 * listening (a notification could be missed), and whatever was cached is forgotten whenever it (re)connects. A
 * lookup that raced with a change is never cached: every entry carries the generation it was read in, and any
 * change starts a new generation. Unknown secrets are never cached. Entries live at most {@code ttl}.
 *
 * <p>Also keeps when this node last recorded each token's use, so {@code last_used_at} is written at most once a
 * minute per token and node, not once per call.
 */
final class TokenCache {

    /** The channel on which revocations are announced; the payload is the token's id. */
    static final String CHANNEL = "vern_api_token_changed";
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private record Entry(ApiToken token, long generation) {
    }

    private final ClusterNotifications notifications;
    private final JdbcClient jdbc;
    private final Cache<String, Entry> cache;
    private final AtomicLong generation = new AtomicLong();
    private final Map<UUID, Instant> touched = new ConcurrentHashMap<>();

    TokenCache(ClusterNotifications notifications, JdbcClient jdbc, Duration ttl) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
        notifications.subscribe(CHANNEL, new ClusterNotifications.Subscriber() {
            @Override
            public void notified(String payload) {
                forgetAll();
            }

            @Override
            public void reset() {
                forgetAll();
            }
        });
    }

    /** The token stored under this hash, from the cache when it may be trusted, else from {@code store}. */
    Optional<ApiToken> byHash(byte[] hash, Function<byte[], Optional<ApiToken>> store) {
        if (!notifications.isListening()) {
            return store.apply(hash);
        }
        String key = HexFormat.of().formatHex(hash);
        long current = generation.get();
        Entry cached = cache.getIfPresent(key);
        if (cached != null && cached.generation() == current) {
            return Optional.of(cached.token());
        }
        Optional<ApiToken> read = store.apply(hash);
        // Cached only if nothing changed while it was read and the listener was in place throughout.
        if (read.isPresent() && notifications.isListening() && generation.get() == current) {
            cache.put(key, new Entry(read.get(), current));
        }
        return read;
    }

    /**
     * Whether this node should record the token's use now: false if it did so less than a minute ago. The store's
     * update has the same once-a-minute condition, so several nodes do not write more often either.
     */
    boolean shouldTouch(UUID token, Instant now) {
        Instant last = touched.get(token);
        if (last != null && !now.isBefore(last) && now.isBefore(last.plus(TOUCH_EVERY))) {
            return false;
        }
        touched.put(token, now);
        if (touched.size() > 10_000) {
            touched.clear();
        }
        return true;
    }

    /** Announces a change of the token to every node (on commit) and forgets this node's tokens after it. */
    void changed(UUID token) {
        ClusterNotifications.send(jdbc, CHANNEL, token.toString());
        forgetAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetAll();
                }
            });
        }
    }

    /** Starts a new generation and drops every entry. */
    void forgetAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }
}
