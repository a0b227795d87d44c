package no.vern.crypto.internal;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import no.vern.crypto.MasterKeys;
import no.vern.crypto.RewrapResult;
import no.vern.crypto.internal.SubjectKeys.StoredKey;

/**
 * Master-key rotation: a new primary master key, then every subject key re-wrapped under it in
 * committed batches; data ciphertexts are never touched, since the data keys stay the same.
 */
final class MasterKeyRotation implements MasterKeys {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);

    private final MasterKeyring master;
    private final SubjectKeys keys;
    private final Clock clock;
    private final int batchSize;
    private final org.springframework.jdbc.core.simple.JdbcClient main;

    MasterKeyRotation(MasterKeyring master, SubjectKeys keys, Clock clock, int batchSize,
            org.springframework.jdbc.core.simple.JdbcClient main) {
        this.main = main;
        this.master = master;
        this.keys = keys;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Override
    public long primaryKeyId() {
        return master.primaryKeyId();
    }

    @Override
    public RewrapResult rotateMasterKey() {
        long id = master.rotate();
        notePrimary(id, true);
        log.info("Master key rotated: new primary master key id {}; re-wrapping subject keys", id);
        return rewrapAll();
    }

    @Override
    public no.vern.crypto.MasterKeyStatus status() {
        long primary = master.primaryKeyId();
        notePrimary(primary, false);
        java.time.Instant since = main.sql("SELECT primary_since FROM crypto_master_key WHERE key_id = :id")
                .param("id", primary).query((rs, n) -> no.vern.shared.JdbcTime.required(rs, "primary_since")).single();
        java.time.@Nullable Instant lastRotation = main.sql(
                "SELECT max(primary_since) AS at FROM crypto_master_key WHERE via_rotation")
                .query((rs, n) -> java.util.Optional.ofNullable(no.vern.shared.JdbcTime.instant(rs, "at"))).single()
                .orElse(null);
        long[] counts = keys.countByMasterKey(primary);
        return new no.vern.crypto.MasterKeyStatus(primary, master.handle().size(), since, lastRotation, counts[0],
                counts[1]);
    }

    /** Remembers when a master key was first seen as primary (rotation by Vern, or a keyset changed by hand). */
    private void notePrimary(long keyId, boolean viaRotation) {
        main.sql("""
                INSERT INTO crypto_master_key (key_id, primary_since, via_rotation)
                VALUES (:id, :at, :rotation OR EXISTS (SELECT FROM crypto_master_key))
                ON CONFLICT (key_id) DO NOTHING
                """).param("id", keyId).param("at", no.vern.shared.JdbcTime.param(clock.instant()))
                .param("rotation", viaRotation).update();
    }

    @Override
    public synchronized RewrapResult rewrapAll() {
        long primary = master.primaryKeyId();
        int rewrapped = 0;
        int failed = 0;
        @Nullable UUID after = null;
        while (true) {
            List<StoredKey> batch = keys.notWrappedBy(primary, after, batchSize);
            if (batch.isEmpty()) {
                break;
            }
            int[] counts = keys.inTransaction(() -> rewrap(batch, primary));
            rewrapped += counts[0];
            failed += counts[1];
            after = batch.get(batch.size() - 1).subject().value();
        }
        log.info("Re-wrapped {} subject key(s) under master key {}; {} could not be unwrapped", rewrapped, primary,
                failed);
        return new RewrapResult(primary, rewrapped, failed);
    }

    private int[] rewrap(List<StoredKey> batch, long primary) {
        int done = 0;
        int failed = 0;
        for (StoredKey key : batch) {
            try {
                byte[] wrapped = master.wrap(master.unwrap(key.wrapped(), key.subject()), key.subject());
                if (keys.rewrap(key, wrapped, primary, clock.instant())) {
                    done++;
                }
            } catch (GeneralSecurityException e) {
                failed++;
                log.error("The data key of subject {} could not be re-wrapped (master key id {})", key.subject(),
                        key.masterKeyId());
            }
        }
        return new int[] {done, failed};
    }
}
