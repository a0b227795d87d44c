package no.vern.crypto.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The key store: wrapped subject data keys in {@code vern_keys.subject_key}, reached only through
 * the key store's own pool (role {@code vern_key_store}), plus the shred notification channel.
 */
final class SubjectKeys {

    /** The NOTIFY channel on which every node hears which subject's key was destroyed. */
    static final String CHANNEL = "vern_key_shredded";

    /**
     * One stored key row.
     *
     * @param masterKeyId the master key that wrapped it
     */
    record StoredKey(SubjectId subject, UUID keyId, byte[] wrapped, long masterKeyId) {

        @Override
        public String toString() {
            return "StoredKey[subject=" + subject + ", keyId=" + keyId + ", masterKeyId=" + masterKeyId + "]";
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;
    private final TransactionTemplate transactions;

    SubjectKeys(DataSource keyStore) {
        this.jdbc = JdbcClient.create(keyStore);
        this.batchJdbc = new JdbcTemplate(keyStore);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(keyStore));
    }

    Optional<StoredKey> find(SubjectId subject) {
        return jdbc.sql("""
                SELECT subject_id, key_id, wrapped, master_key_id FROM vern_keys.subject_key WHERE subject_id = :subject
                """).param("subject", subject.value()).query((rs, n) -> new StoredKey(
                new SubjectId(rs.getObject("subject_id", UUID.class)), rs.getObject("key_id", UUID.class),
                rs.getBytes("wrapped"), rs.getLong("master_key_id"))).optional();
    }

    /** The key ids of those of these subjects that have a key. */
    java.util.Map<UUID, UUID> keyIds(Collection<UUID> subjects) {
        java.util.Map<UUID, UUID> ids = new java.util.HashMap<>();
        if (subjects.isEmpty()) {
            return ids;
        }
        jdbc.sql("SELECT subject_id, key_id FROM vern_keys.subject_key WHERE subject_id = ANY(:subjects)")
                .param("subjects", subjects.toArray(UUID[]::new))
                .query((java.sql.ResultSet rs) -> {
                    ids.put(rs.getObject("subject_id", UUID.class), rs.getObject("key_id", UUID.class));
                });
        return ids;
    }

    /** Inserts the key unless the subject has one already; true if this one was stored. */
    boolean insertIfAbsent(StoredKey key, Instant createdAt) {
        return jdbc.sql("""
                INSERT INTO vern_keys.subject_key (subject_id, key_id, wrapped, master_key_id, created_at)
                VALUES (:subject, :keyId, :wrapped, :masterKeyId, :createdAt)
                ON CONFLICT (subject_id) DO NOTHING
                """).param("subject", key.subject().value()).param("keyId", key.keyId())
                .param("wrapped", key.wrapped()).param("masterKeyId", key.masterKeyId())
                .param("createdAt", JdbcTime.param(createdAt)).update() == 1;
    }

    /**
     * Stores new keys in one batched insert and one key-store transaction (the key pool); returns the subjects whose
     * key was stored (a subject that had one already keeps it).
     */
    List<SubjectId> insertBatch(List<StoredKey> batch, Instant createdAt) {
        java.sql.Timestamp at = java.sql.Timestamp.from(createdAt);
        List<Object[]> rows = batch.stream().map(k -> new Object[] { k.subject().value(), k.keyId(), k.wrapped(),
                k.masterKeyId(), at }).toList();
        int[] counts = transactions.execute(status -> batchJdbc.batchUpdate("""
                INSERT INTO vern_keys.subject_key (subject_id, key_id, wrapped, master_key_id, created_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (subject_id) DO NOTHING
                """, rows));
        if (counts == null) {
            throw new IllegalStateException("the key-store batch returned nothing");
        }
        List<SubjectId> stored = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) { // 1, or SUCCESS_NO_INFO from a driver that rewrites batches
                stored.add(batch.get(i).subject());
            }
        }
        return stored;
    }

    /** Deletes the subject's key; true if there was one. */
    boolean delete(SubjectId subject) {
        return jdbc.sql("DELETE FROM vern_keys.subject_key WHERE subject_id = :subject")
                .param("subject", subject.value()).update() > 0;
    }

    /** Deletes the keys of all these subjects; returns the subjects that still had one. */
    List<SubjectId> deleteAll(Collection<UUID> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("DELETE FROM vern_keys.subject_key WHERE subject_id = ANY(:subjects) RETURNING subject_id")
                .param("subjects", subjects.toArray(UUID[]::new))
                .query((rs, n) -> new SubjectId(rs.getObject("subject_id", UUID.class))).list();
    }

    /** The next keys (by subject id, after {@code after}) not wrapped by the given master key. */
    List<StoredKey> notWrappedBy(long masterKeyId, @Nullable UUID after, int limit) {
        return jdbc.sql("""
                SELECT subject_id, key_id, wrapped, master_key_id FROM vern_keys.subject_key
                WHERE master_key_id <> :master AND (CAST(:after AS uuid) IS NULL OR subject_id > CAST(:after AS uuid))
                ORDER BY subject_id LIMIT :limit
                """).param("master", masterKeyId).param("after", after).param("limit", limit)
                .query((rs, n) -> new StoredKey(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getObject("key_id", UUID.class), rs.getBytes("wrapped"), rs.getLong("master_key_id")))
                .list();
    }

    /** Replaces the wrapping of a key that is still the one that was read; true if it was replaced. */
    boolean rewrap(StoredKey old, byte[] wrapped, long masterKeyId, Instant at) {
        return jdbc.sql("""
                UPDATE vern_keys.subject_key SET wrapped = :wrapped, master_key_id = :master, rewrapped_at = :at
                WHERE subject_id = :subject AND key_id = :keyId AND master_key_id = :oldMaster
                """).param("wrapped", wrapped).param("master", masterKeyId).param("at", JdbcTime.param(at))
                .param("subject", old.subject().value()).param("keyId", old.keyId())
                .param("oldMaster", old.masterKeyId()).update() == 1;
    }

    /** Tells every node (listening on {@link #CHANNEL}) to drop the subject's cached key. */
    void notifyShredded(SubjectId subject) {
        jdbc.sql("SELECT pg_notify(:channel, :subject)").param("channel", CHANNEL)
                .param("subject", subject.value().toString()).query().listOfRows();
    }

    /** {@link #notifyShredded} for many subjects in one round trip (one notification per subject). */
    void notifyShredded(Collection<SubjectId> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        jdbc.sql("SELECT pg_notify(:channel, CAST(s AS text)) FROM unnest(CAST(:subjects AS uuid[])) AS t(s)")
                .param("channel", CHANNEL).param("subjects", subjects.stream().map(SubjectId::value).toArray(UUID[]::new))
                .query().listOfRows();
    }

    /** Runs the work in one key-store transaction (a re-wrap batch). */
    <T> T inTransaction(Supplier<T> work) {
        T result = transactions.execute(status -> work.get());
        if (result == null) {
            throw new IllegalStateException("transaction returned nothing");
        }
        return result;
    }

    /** How many subject keys exist, and how many are wrapped by another master key than the given one. */
    long[] countByMasterKey(long primary) {
        return jdbc.sql("SELECT count(*) AS total, count(*) FILTER (WHERE master_key_id <> :p) AS older FROM vern_keys.subject_key")
                .param("p", primary).query((rs, n) -> new long[] {rs.getLong("total"), rs.getLong("older")}).single();
    }
}
