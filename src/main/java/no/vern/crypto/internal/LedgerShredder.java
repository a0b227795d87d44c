package no.vern.crypto.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.crypto.CryptoShredder;
import no.vern.crypto.ShredResult;
import no.vern.crypto.internal.SubjectKeys.StoredKey;
import no.vern.shared.SubjectId;

/**
 * Crypto-shredding in a crash-safe order: ledger entry first, then the key, then the caches of
 * every node; each step is idempotent, so repeating a shred (or replaying the ledger) finishes one
 * that stopped half-way. The ledger entry commits in a transaction of its own before the key goes,
 * even when the caller has a transaction open: the key store is another database, so a caller's
 * rollback could otherwise undo the entry but not the destroyed key, and a restored backup's key
 * would then come back with nothing to shred it again.
 */
final class LedgerShredder implements CryptoShredder {

    private static final Logger log = LoggerFactory.getLogger(LedgerShredder.class);
    private static final int REPLAY_PAGE = 500;

    private final SubjectKeys keys;
    private final ShredLedger ledger;
    private final DataKeyCache cache;
    private final Clock clock;
    private final CryptoMetrics metrics;
    private final TransactionTemplate ownTransaction;

    LedgerShredder(SubjectKeys keys, ShredLedger ledger, DataKeyCache cache, Clock clock, CryptoMetrics metrics,
            PlatformTransactionManager transactions) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.keys = keys;
        this.ledger = ledger;
        this.cache = cache;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public ShredResult shred(SubjectId subject) {
        @Nullable UUID keyId = keys.find(subject).map(StoredKey::keyId).orElse(null);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as timestamptz stores it
        boolean recorded = Boolean.TRUE.equals(ownTransaction.execute(tx -> ledger.record(subject, keyId, now)));
        boolean destroyed = keys.delete(subject);
        cache.evict(subject);
        keys.notifyShredded(subject);
        Instant shreddedAt = recorded ? now : ledger.shreddedAt(subject).orElse(now);
        metrics.count("shred", destroyed ? "destroyed" : "no-key");
        log.info("Shredded the data key of subject {} (key destroyed now: {}, already in ledger: {})", subject,
                destroyed, !recorded);
        return new ShredResult(subject, keyId, destroyed, !recorded, shreddedAt);
    }

    @Override
    public List<ShredResult> shredAll(java.util.Collection<SubjectId> subjects) {
        List<SubjectId> distinct = subjects.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = distinct.stream().map(SubjectId::value).toList();
        java.util.Map<UUID, UUID> keyIds = keys.keyIds(ids);
        java.util.Map<UUID, @Nullable UUID> entries = new java.util.LinkedHashMap<>();
        ids.forEach(id -> entries.put(id, keyIds.get(id)));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as timestamptz stores it
        // The ledger first, committed on its own (as in shred): a crash after it is finished by a retry or the replay.
        java.util.Map<UUID, Instant> before = ownTransaction.execute(tx -> ledger.recordAll(entries, now));
        java.util.Set<SubjectId> destroyed = new java.util.HashSet<>(keys.deleteAll(ids));
        distinct.forEach(cache::evict);
        keys.notifyShredded(distinct);
        List<ShredResult> results = new java.util.ArrayList<>(distinct.size());
        for (SubjectId subject : distinct) {
            @Nullable Instant earlier = before == null ? null : before.get(subject.value());
            boolean gone = destroyed.contains(subject);
            metrics.count("shred", gone ? "destroyed" : "no-key");
            results.add(new ShredResult(subject, keyIds.get(subject.value()), gone, earlier != null,
                    earlier != null ? earlier : now));
        }
        log.info("Shredded the data keys of {} subjects in one batch ({} keys destroyed now)", distinct.size(),
                destroyed.size());
        return results;
    }

    @Override
    public boolean isShredded(SubjectId subject) {
        return ledger.shreddedAt(subject).isPresent();
    }

    @Override
    public int replayLedger() {
        int destroyed = 0;
        @Nullable UUID after = null;
        while (true) {
            List<UUID> page = ledger.page(after, REPLAY_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (SubjectId subject : keys.deleteAll(page)) {
                cache.evict(subject);
                keys.notifyShredded(subject);
                log.warn("Shred ledger replay destroyed a key that had come back for subject {}", subject);
                destroyed++;
            }
            after = page.get(page.size() - 1);
        }
        metrics.count("shred-replay", destroyed > 0 ? "destroyed" : "nothing");
        log.info("Shred ledger replayed: {} key(s) destroyed", destroyed);
        return destroyed;
    }
}
