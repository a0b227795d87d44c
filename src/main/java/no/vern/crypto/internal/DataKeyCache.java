package no.vern.crypto.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;

import no.vern.shared.SubjectId;

/**
 * Unwrapped data keys of recently used subjects, bounded in size and time. An eviction (shred on
 * this or another node) bumps an epoch so that a key loaded concurrently is not cached afterwards.
 */
final class DataKeyCache {

    /**
     * An unwrapped data key.
     *
     * @param keyId the key's id in the key store and the shred ledger
     */
    record DataKey(UUID keyId, Aead aead) {

        @Override
        public String toString() {
            return "DataKey[" + keyId + "]";
        }
    }

    private final Cache<SubjectId, DataKey> cache;
    private final AtomicLong epoch = new AtomicLong();

    DataKeyCache(long maximumSize, Duration expireAfterWrite) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).recordStats()
                .build();
    }

    /** The Caffeine cache, for metrics. */
    Cache<SubjectId, DataKey> caffeine() {
        return cache;
    }

    @Nullable DataKey get(SubjectId subject) {
        return cache.getIfPresent(subject);
    }

    /** Read before loading a key from the store; pass to {@link #put}. */
    long epoch() {
        return epoch.get();
    }

    /** Caches a key loaded while the epoch was {@code loadedAt}, unless an eviction happened meanwhile. */
    void put(SubjectId subject, DataKey key, long loadedAt) {
        cache.put(subject, key);
        if (epoch.get() != loadedAt) {
            cache.invalidate(subject);
        }
    }

    /** Forgets one subject's key (it was shredded). */
    void evict(SubjectId subject) {
        epoch.incrementAndGet();
        cache.invalidate(subject);
    }

    /** Forgets every key (notifications may have been missed). */
    void clear() {
        epoch.incrementAndGet();
        cache.invalidateAll();
    }
}
