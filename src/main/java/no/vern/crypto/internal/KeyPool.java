package no.vern.crypto.internal;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import no.vern.crypto.internal.SubjectKeys.StoredKey;
import no.vern.shared.SubjectId;

/**
 * Data keys generated ahead for subjects that do not exist yet (issue 28 item 4), so that registering a subject
 * costs no key-store round trip and no commit of its own: each entry is a fresh random subject id with its own
 * AES256-GCM keyset, wrapped by the master key with that id as associated data (exactly as
 * {@link TinkSubjectCipher} creates a key on first use), stored in the key store in batches of {@link #BATCH} (one
 * batched insert and one commit per batch), and held here unwrapped until a register write takes it. A batch is
 * refilled in the background when the pool runs low, or by the taker itself when it is empty.
 *
 * <p>The guarantees are those of a key created on first use: one key per subject, in the key store before any
 * ciphertext exists, destroyed by a shred. An id is random and handed out once, so no shred can name it before it
 * is taken. Keys never taken are deleted from the key store when the node stops; a node that is killed leaves at
 * most {@code 2 x BATCH} keys of ids that were never used, which protect no data.
 */
final class KeyPool implements AutoCloseable {

    /** Keys stored per batch (and per commit); the pool refills when fewer than this are left. */
    static final int BATCH = 32;

    private static final Logger log = LoggerFactory.getLogger(KeyPool.class);

    /** A key that is in the key store for a subject id nobody has yet. */
    record Fresh(SubjectId subject, UUID keyId, Aead aead) {

        @Override
        public String toString() {
            return "Fresh[" + subject + ", " + keyId + "]";
        }
    }

    private final SubjectKeys keys;
    private final MasterKeyring master;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Fresh> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean refilling = new AtomicBoolean();
    private final ReentrantLock filling = new ReentrantLock();
    private final ExecutorService refiller;
    private volatile boolean closed;

    KeyPool(SubjectKeys keys, MasterKeyring master, Clock clock) {
        this.keys = keys;
        this.master = master;
        this.clock = clock;
        this.refiller = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vern-key-pool");
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes a fresh subject id whose key is stored; fills a batch first when the pool is empty. */
    Fresh take() {
        Fresh fresh = poll();
        while (fresh == null) {
            if (closed) {
                throw new IllegalStateException("The key pool is closed (the node is stopping)");
            }
            fill(0);
            fresh = poll();
        }
        if (size.get() < BATCH && refilling.compareAndSet(false, true)) {
            try {
                refiller.execute(() -> {
                    try {
                        if (!closed) {
                            fill(BATCH - 1);
                        }
                    } catch (RuntimeException e) {
                        log.warn("The key pool could not be refilled in the background ({}); takers fill it",
                                e.getClass().getSimpleName());
                    } finally {
                        refilling.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refilling.set(false);
            }
        }
        return fresh;
    }

    /** The subject ids whose keys wait to be taken (tests). */
    List<SubjectId> waiting() {
        return ready.stream().map(Fresh::subject).toList();
    }

    /** How many keys wait to be taken. */
    int size() {
        return size.get();
    }

    private Fresh poll() {
        Fresh fresh = ready.poll();
        if (fresh != null) {
            size.decrementAndGet();
        }
        return fresh;
    }

    /**
     * Generates, wraps and stores one batch (one commit) unless more than {@code atMost} keys wait already; one
     * filler at a time, so that concurrent takers of an empty pool do not each store a batch.
     */
    private void fill(int atMost) {
        filling.lock();
        try {
            if (closed || size.get() > atMost) {
                return; // stopping, or another filler just did it
            }
            for (Fresh f : generate(BATCH)) {
                ready.add(f);
                size.incrementAndGet();
            }
        } finally {
            filling.unlock();
        }
    }

    /**
     * Generates, wraps and stores {@code count} keys for fresh random subject ids in one batched insert and one
     * key-store commit, and returns those stored (a random id that somehow had a key already is never used). The pool's
     * batches, and many keys wanted at once outside the pool (a purge batch's case keys, issue 28 item 8).
     */
    List<Fresh> generate(int count) {
        try {
            List<StoredKey> rows = new ArrayList<>(count);
            List<Fresh> entries = new ArrayList<>(count);
            long masterKeyId = master.primaryKeyId();
            for (int i = 0; i < count; i++) {
                SubjectId subject = SubjectId.random();
                KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                UUID keyId = UUID.randomUUID();
                rows.add(new StoredKey(subject, keyId, master.wrap(keyset, subject), masterKeyId));
                entries.add(new Fresh(subject, keyId, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class)));
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            List<SubjectId> stored = keys.insertBatch(rows, clock.instant());
            return entries.stream().filter(f -> stored.contains(f.subject())).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate data keys (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Stops refilling and deletes the keys nobody took (ids that were never handed out). */
    @Override
    public void close() {
        closed = true;
        refiller.shutdown();
        List<UUID> unused = new ArrayList<>();
        filling.lock(); // a batch being stored finishes first, so that none of its keys is left behind
        try {
            for (Fresh f = poll(); f != null; f = poll()) {
                unused.add(f.subject().value());
            }
        } finally {
            filling.unlock();
        }
        if (unused.isEmpty()) {
            return;
        }
        try {
            keys.deleteAll(unused);
        } catch (RuntimeException e) {
            log.warn("Could not delete {} unused pooled data key(s) at shutdown ({}); they belong to no subject",
                    unused.size(), e.getClass().getSimpleName());
        }
    }
}
