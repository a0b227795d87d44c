package no.vern.register.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.processing.LegalBasis;
import no.vern.processing.SubjectKind;
import no.vern.register.ChangeEntry;
import no.vern.register.GatedSubject;
import no.vern.register.Organisation;
import no.vern.register.Source;
import no.vern.register.SubjectSummary;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The subject aggregate in PostgreSQL: the subject row and everything keyed by its id (records,
 * blind indexes, attachments, change history). Values arrive here encrypted; SQL never sees plaintext.
 */
@Repository
class Subjects {

    private static final String SELECT_SUBJECT = """
            SELECT s.id, s.kinds, s.organisation_id, s.created_at, s.updated_at, s.version, s.erased_at,
                   s.erasure_completed_at, o.name AS org_name, o.org_number, o.business_address
            FROM register_subject s LEFT JOIN register_organisation o ON o.id = s.organisation_id
            """;

    private final JdbcClient jdbc;
    /**
     * The lookup's statement per consent column (a handful: the gate's rule, {@code FALSE}), composed once, so that a
     * check neither builds it nor hashes a new string of it in the statement caches (issue 28 item 2, branch h50).
     */
    private final ConcurrentMap<String, String> byIndexSql = new ConcurrentHashMap<>();

    Subjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A subject row as stored (no personal data). */
    record Row(SubjectId id, Set<SubjectKind> kinds, @Nullable Organisation organisation, Instant createdAt,
            Instant updatedAt, long version, @Nullable Instant erasedAt, @Nullable Instant erasureCompletedAt) {

        SubjectSummary summary() {
            return new SubjectSummary(id, kinds, organisation, version, createdAt, updatedAt);
        }

        boolean erased() {
            return erasedAt != null;
        }
    }

    /** A personal-data record as stored: the value is a ciphertext. */
    record StoredRecord(UUID id, String category, byte[] ciphertext, Source source, List<String> purposes,
            LegalBasis legalBasis, Instant collectedAt, Instant confirmedAt, long version) {

        @Override
        public String toString() {
            return "StoredRecord[" + id + ", " + category + "]";
        }
    }

    void insert(SubjectId id, Set<SubjectKind> kinds, @Nullable UUID organisation, Instant now) {
        jdbc.sql("""
                INSERT INTO register_subject (id, kinds, organisation_id, created_at, updated_at, version)
                VALUES (:id, CAST(:kinds AS text[]), :org, :now, :now, 1)
                """).param("id", id.value()).param("kinds", names(kinds)).param("org", organisation)
                .param("now", JdbcTime.param(now)).update();
    }

    boolean exists(SubjectId id) {
        return jdbc.sql("SELECT count(*) FROM register_subject WHERE id = :id").param("id", id.value())
                .query(Long.class).single() > 0;
    }

    Optional<Row> find(SubjectId id, boolean forUpdate) {
        return jdbc.sql(SELECT_SUBJECT + " WHERE s.id = :id" + (forUpdate ? " FOR UPDATE OF s" : ""))
                .param("id", id.value()).query(Subjects::row).optional();
    }

    /** A subject's row and whether it is restricted (GDPR Art. 18), in one statement. */
    record RowAndRestriction(Row row, boolean restricted) {
    }

    Optional<RowAndRestriction> findWithRestriction(SubjectId id) {
        return jdbc.sql(SELECT_SUBJECT.replace("FROM register_subject s",
                ", " + RestrictionService.restrictedSql("s.id") + " AS restricted FROM register_subject s")
                + " WHERE s.id = :id").param("id", id.value())
                .query((rs, n) -> new RowAndRestriction(row(rs, n), rs.getBoolean("restricted"))).optional();
    }

    List<Row> byIds(List<UUID> ids, Set<SubjectKind> visible) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_SUBJECT + """
                 WHERE s.id IN (:ids) AND s.erased_at IS NULL AND s.kinds && CAST(:visible AS text[])
                 ORDER BY s.created_at, s.id
                """).param("ids", ids).param("visible", names(visible)).query(Subjects::row).list();
    }

    /** Live subjects visible to the caller with one of these blind-index hashes, in one statement. */
    List<Row> byIndex(String kind, List<byte[]> candidates, Set<SubjectKind> visible) {
        return byIndex(kind, candidates, visible, "false", Map.of(), Subjects::row);
    }

    /**
     * As {@link #byIndex}, with each subject's answer to the consent gate's condition {@code inForce} (owned by the
     * consent module, embedded here; it reads {@code :purpose} and {@code :now}) in the same statement.
     */
    List<GatedSubject> byIndexWithConsent(String kind, List<byte[]> candidates, Set<SubjectKind> visible, String inForce,
            String purposeKey, Instant now) {
        return byIndex(kind, candidates, visible, inForce, Map.of("purpose", purposeKey, "now", JdbcTime.param(now)),
                (rs, n) -> new GatedSubject(row(rs, n).summary(), rs.getBoolean("consent_in_force")));
    }

    /** The one lookup by blind index (live, visible to the caller), with a column {@code consent_in_force} beside. */
    private <T> List<T> byIndex(String kind, List<byte[]> candidates, Set<SubjectKind> visible, String consentInForce,
            Map<String, ?> params, RowMapper<T> mapper) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(byIndexSql.computeIfAbsent(consentInForce, Subjects::byIndexSql)).param("kind", kind)
                .param("hashes", candidates).param("visible", names(visible)).params(params).query(mapper).list();
    }

    private static String byIndexSql(String consentInForce) {
        return SELECT_SUBJECT.replace("FROM register_subject s",
                ", " + consentInForce + " AS consent_in_force FROM register_subject s") + """
                 WHERE s.id IN (SELECT b.subject_id FROM register_blind_index b WHERE b.kind = :kind AND b.hash IN (:hashes))
                   AND s.erased_at IS NULL AND s.kinds && CAST(:visible AS text[])
                 ORDER BY s.created_at, s.id
                """;
    }

    List<Row> byOrganisation(UUID organisation, Set<SubjectKind> visible) {
        return jdbc.sql(SELECT_SUBJECT + """
                 WHERE s.organisation_id = :org AND s.erased_at IS NULL AND s.kinds && CAST(:visible AS text[])
                 ORDER BY s.created_at, s.id
                """).param("org", organisation).param("visible", names(visible)).query(Subjects::row).list();
    }

    List<Row> page(Set<SubjectKind> visible, long offset, int limit) {
        return jdbc.sql(SELECT_SUBJECT + """
                 WHERE s.erased_at IS NULL AND s.kinds && CAST(:visible AS text[])
                 ORDER BY s.created_at, s.id OFFSET :offset LIMIT :limit
                """).param("visible", names(visible)).param("offset", offset).param("limit", limit)
                .query(Subjects::row).list();
    }

    long count(Set<SubjectKind> visible) {
        return jdbc.sql("""
                SELECT count(*) FROM register_subject s
                WHERE s.erased_at IS NULL AND s.kinds && CAST(:visible AS text[])
                """).param("visible", names(visible)).query(Long.class).single();
    }

    long countAll() {
        return jdbc.sql("SELECT count(*) FROM register_subject WHERE erased_at IS NULL").query(Long.class).single();
    }

    void changed(SubjectId id, Instant now) {
        jdbc.sql("UPDATE register_subject SET version = version + 1, updated_at = :now WHERE id = :id")
                .param("id", id.value()).param("now", JdbcTime.param(now)).update();
    }

    void setKinds(SubjectId id, Set<SubjectKind> kinds) {
        jdbc.sql("UPDATE register_subject SET kinds = CAST(:kinds AS text[]) WHERE id = :id").param("id", id.value())
                .param("kinds", names(kinds)).update();
    }

    void setOrganisation(SubjectId id, @Nullable UUID organisation) {
        jdbc.sql("UPDATE register_subject SET organisation_id = :org WHERE id = :id").param("id", id.value())
                .param("org", organisation).update();
    }

    /** Step 1 of an erasure; true if this call marked it. */
    boolean markErased(SubjectId id, Instant now) {
        return jdbc.sql("UPDATE register_subject SET erased_at = :now WHERE id = :id AND erased_at IS NULL")
                .param("id", id.value()).param("now", JdbcTime.param(now)).update() == 1;
    }

    /** Marks the erasure complete; false if it already was (another node or a retry finished it). */
    List<SubjectId> erasureCompleted(Collection<SubjectId> ids, Instant now) {
        return jdbc.sql("""
                UPDATE register_subject SET erasure_completed_at = :now, kinds = kinds, organisation_id = NULL,
                       version = version + 1, updated_at = :now
                WHERE id = ANY(:ids) AND erasure_completed_at IS NULL
                RETURNING id
                """).param("ids", ids.stream().map(SubjectId::value).distinct().toArray(UUID[]::new))
                .param("now", JdbcTime.param(now)).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list();
    }

    // --- records ---

    void insertRecord(SubjectId subject, UUID id, String category, byte[] ciphertext, Source source, String purpose,
            LegalBasis basis, Instant now) {
        jdbc.sql("""
                INSERT INTO register_record (subject_id, id, category, ciphertext, source, purposes, legal_basis,
                                             collected_at, confirmed_at, version)
                VALUES (:subject, :id, :category, :ciphertext, :source, ARRAY[:purpose]::text[], :basis, :now, :now, 1)
                """).param("subject", subject.value()).param("id", id).param("category", category)
                .param("ciphertext", ciphertext).param("source", source.name()).param("purpose", purpose)
                .param("basis", basis.name()).param("now", JdbcTime.param(now)).update();
    }

    /**
     * Inserts a new subject with its first records, history lines and blind-index entries in one statement (one
     * round trip instead of four, issue 28 item 4); inserts nothing at all when a subject with this id exists
     * (erased or not). True if the subject was inserted.
     */
    boolean insertNew(SubjectId id, Set<SubjectKind> kinds, @Nullable UUID organisation, List<NewRecord> records,
            Source source, String purpose, LegalBasis basis, List<IndexEntry> entries, String actor,
            List<String> changed, String change, Instant now) {
        // One statement text whatever the number of records and index entries (one array parameter per column):
        // prepared once per connection, and a few parameters to bind instead of three per record.
        UUID[] recordIds = new UUID[records.size()];
        String[] categories = new String[records.size()];
        byte[][] ciphertexts = new byte[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            recordIds[i] = records.get(i).id();
            categories[i] = records.get(i).category();
            ciphertexts[i] = records.get(i).ciphertext();
        }
        String[] indexKinds = new String[entries.size()];
        byte[][] hashes = new byte[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            indexKinds[i] = entries.get(i).kind();
            hashes[i] = entries.get(i).hash();
        }
        return jdbc.sql(INSERT_NEW).param("id", id.value()).param("kinds", names(kinds)).param("org", organisation)
                .param("now", JdbcTime.param(now)).param("actor", actor).param("changed", changed.toArray(String[]::new))
                .param("change", change).param("source", source.name()).param("purpose", purpose)
                .param("basis", basis.name()).param("rids", recordIds).param("rcats", categories)
                .param("rcts", ciphertexts).param("ikinds", indexKinds).param("ihashes", hashes)
                .query(Long.class).single() == 1;
    }

    /** Subject, history, records and blind indexes of a new subject; the rest only if the subject row was new. */
    private static final String INSERT_NEW = """
            WITH s AS (
              INSERT INTO register_subject (id, kinds, organisation_id, created_at, updated_at, version)
              VALUES (:id, CAST(:kinds AS text[]), CAST(:org AS uuid), :now, :now, 1)
              ON CONFLICT (id) DO NOTHING RETURNING id),
            c AS (
              INSERT INTO register_change (subject_id, at, actor, category, change)
              SELECT s.id, :now, :actor, t.c, :change
              FROM s, unnest(CAST(:changed AS text[])) WITH ORDINALITY AS t(c, n) ORDER BY n),
            r AS (
              INSERT INTO register_record (subject_id, id, category, ciphertext, source, purposes, legal_basis,
                                           collected_at, confirmed_at, version)
              SELECT s.id, v.id, v.category, v.ciphertext, :source, ARRAY[CAST(:purpose AS text)], :basis, :now, :now, 1
              FROM s, unnest(CAST(:rids AS uuid[]), CAST(:rcats AS text[]), CAST(:rcts AS bytea[]))
                      AS v(id, category, ciphertext)),
            i AS (
              INSERT INTO register_blind_index (subject_id, kind, hash)
              SELECT s.id, v.kind, v.hash FROM s, unnest(CAST(:ikinds AS text[]), CAST(:ihashes AS bytea[])) AS v(kind, hash)
              ON CONFLICT DO NOTHING)
            SELECT count(*) FROM s""";

    /** A new record's id, category and ciphertext, for {@link #insertNew}. */
    record NewRecord(UUID id, String category, byte[] ciphertext) {

        @Override
        public String toString() {
            return "NewRecord[" + id + ", " + category + "]";
        }
    }

    void replaceRecordValue(SubjectId subject, UUID id, byte[] ciphertext, Source source, Instant now) {
        jdbc.sql("""
                UPDATE register_record SET ciphertext = :ciphertext, source = :source, collected_at = :now,
                       confirmed_at = :now, version = version + 1
                WHERE subject_id = :subject AND id = :id
                """).param("subject", subject.value()).param("id", id).param("ciphertext", ciphertext)
                .param("source", source.name()).param("now", JdbcTime.param(now)).update();
    }

    void confirmRecord(SubjectId subject, UUID id, Instant now) {
        jdbc.sql("UPDATE register_record SET confirmed_at = :now WHERE subject_id = :subject AND id = :id")
                .param("subject", subject.value()).param("id", id).param("now", JdbcTime.param(now)).update();
    }

    List<StoredRecord> records(SubjectId subject) {
        return jdbc.sql("SELECT * FROM register_record WHERE subject_id = :subject ORDER BY collected_at, id")
                .param("subject", subject.value()).query(Subjects::record).list();
    }

    List<StoredRecord> recordsFor(SubjectId subject, String purpose) {
        return jdbc.sql("""
                SELECT * FROM register_record WHERE subject_id = :subject AND :purpose = ANY(purposes)
                ORDER BY collected_at, id
                """).param("subject", subject.value()).param("purpose", purpose).query(Subjects::record).list();
    }

    /** The email and phone records of many subjects (by subject, in the order collected): one query for a purge batch. */
    Map<SubjectId, List<StoredRecord>> identifierRecords(java.util.Collection<SubjectId> subjects) {
        Map<SubjectId, List<StoredRecord>> bySubject = new java.util.LinkedHashMap<>();
        if (subjects.isEmpty()) {
            return bySubject;
        }
        jdbc.sql("""
                SELECT * FROM register_record WHERE subject_id = ANY(:subjects) AND category IN ('email', 'phone')
                ORDER BY subject_id, collected_at, id
                """).param("subjects", subjects.stream().map(SubjectId::value).distinct().toArray(UUID[]::new))
                .query((ResultSet rs) -> {
                    bySubject.computeIfAbsent(new SubjectId(rs.getObject("subject_id", UUID.class)),
                            k -> new java.util.ArrayList<>()).add(record(rs, 0));
                });
        return bySubject;
    }

    /** The subject's records held for any of these purposes, in the order they were collected. */
    List<StoredRecord> recordsForAny(SubjectId subject, List<String> purposes) {
        return jdbc.sql("""
                SELECT * FROM register_record WHERE subject_id = :subject AND purposes && CAST(:purposes AS text[])
                ORDER BY collected_at, id
                """).param("subject", subject.value()).param("purposes", purposes.toArray(String[]::new))
                .query(Subjects::record).list();
    }

    /**
     * One subject of {@link #heldUnder} with its records: whether it was found under the address (live and visible),
     * its kinds, whether it is erased or restricted (GDPR Art. 18), and its records held for the purposes (none for an
     * erased subject).
     */
    record Held(SubjectId id, boolean found, Set<SubjectKind> kinds, boolean erased, boolean restricted,
            List<StoredRecord> records) {

        @Override
        public String toString() {
            return "Held[" + id + ", " + records.size() + " records]";
        }
    }

    /**
     * Everything held under an address in one statement (issue 28 item 5): the live subjects visible to the caller with
     * one of these blind-index hashes and the subjects {@code known} by id, each with its restriction and its records
     * held for any of the purposes, subjects in the order created, records in the order collected.
     */
    List<Held> heldUnder(String kind, List<byte[]> candidates, Collection<SubjectId> known, Set<SubjectKind> visible,
            List<String> purposes) {
        if (candidates.isEmpty() && known.isEmpty()) {
            return List.of();
        }
        Map<SubjectId, Held> bySubject = new java.util.LinkedHashMap<>();
        jdbc.sql(HELD_UNDER).param("kind", kind)
                // no hash is empty: a list that matches nothing when there is no address to look up
                .param("hashes", candidates.isEmpty() ? List.of(new byte[0]) : candidates)
                .param("known", known.stream().map(SubjectId::value).distinct().toArray(UUID[]::new))
                .param("visible", names(visible)).param("purposes", purposes.toArray(String[]::new))
                .query((ResultSet rs) -> {
                    SubjectId id = new SubjectId(rs.getObject("held_subject", UUID.class));
                    Held held = bySubject.get(id);
                    if (held == null) {
                        held = new Held(id, rs.getBoolean("held_found"), kinds(rs.getArray("held_kinds")),
                                rs.getBoolean("held_erased"), rs.getBoolean("held_restricted"), new java.util.ArrayList<>());
                        bySubject.put(id, held);
                    }
                    if (rs.getObject("id") != null) {
                        held.records().add(record(rs, 0));
                    }
                });
        return bySubject.values().stream().map(h -> new Held(h.id(), h.found(), h.kinds(), h.erased(), h.restricted(),
                List.copyOf(h.records()))).toList();
    }

    /**
     * The subjects are the ones found (the lookup of {@link #byIndexSql}) and the known ones, each fetched by its
     * primary key (a union, not an {@code OR} of the two: that would scan every subject), joined to their records.
     */
    private static final String HELD_UNDER = """
            WITH found AS (
                SELECT s.id FROM register_subject s
                 WHERE s.id IN (SELECT b.subject_id FROM register_blind_index b WHERE b.kind = :kind AND b.hash IN (:hashes))
                   AND s.erased_at IS NULL AND s.kinds && CAST(:visible AS text[])
            ), held AS (
                SELECT id FROM found UNION SELECT unnest(CAST(:known AS uuid[]))
            )
            SELECT s.id AS held_subject, s.kinds AS held_kinds, s.erased_at IS NOT NULL AS held_erased,
                   s.id IN (SELECT id FROM found) AS held_found, %s AS held_restricted, r.*
              FROM held h
              JOIN register_subject s ON s.id = h.id
              LEFT JOIN register_record r ON r.subject_id = s.id AND s.erased_at IS NULL
                   AND r.purposes && CAST(:purposes AS text[])
             ORDER BY s.created_at, s.id, r.collected_at, r.id
            """.formatted(RestrictionService.restrictedSql("s.id"));

    /** Deletes records held for this purpose only, removes the purpose from the others; returns how many were touched. */
    int erasePurpose(SubjectId subject, String purpose) {
        int deleted = jdbc.sql("""
                DELETE FROM register_record WHERE subject_id = :subject AND purposes = ARRAY[:purpose]::text[]
                """).param("subject", subject.value()).param("purpose", purpose).update();
        int narrowed = jdbc.sql("""
                UPDATE register_record SET purposes = array_remove(purposes, :purpose), version = version + 1
                WHERE subject_id = :subject AND :purpose = ANY(purposes)
                """).param("subject", subject.value()).param("purpose", purpose).update();
        jdbc.sql("""
                DELETE FROM register_attachment a WHERE a.subject_id = :subject
                  AND NOT EXISTS (SELECT 1 FROM register_record r WHERE r.subject_id = a.subject_id AND r.id = a.record_id)
                """).param("subject", subject.value()).update();
        return deleted + narrowed;
    }

    /** Deletes these records of the subject and the attachments left without a record; returns how many records went. */
    int deleteRecords(SubjectId subject, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        int deleted = jdbc.sql("DELETE FROM register_record WHERE subject_id = :subject AND id = ANY(:ids)")
                .param("subject", subject.value()).param("ids", ids.toArray(UUID[]::new)).update();
        jdbc.sql("""
                DELETE FROM register_attachment a WHERE a.subject_id = :subject
                  AND NOT EXISTS (SELECT 1 FROM register_record r WHERE r.subject_id = a.subject_id AND r.id = a.record_id)
                """).param("subject", subject.value()).update();
        return deleted;
    }

    /** Narrows a record to these purposes (the others lost their basis). */
    void setPurposes(SubjectId subject, UUID id, List<String> purposes) {
        jdbc.sql("UPDATE register_record SET purposes = :purposes, version = version + 1 WHERE subject_id = :subject AND id = :id")
                .param("purposes", purposes.toArray(String[]::new)).param("subject", subject.value()).param("id", id).update();
    }

    /** Step 3 of an erasure: every row holding personal data about the subject; returns the number of records. */
    int deletePersonalData(SubjectId subject) {
        deleteFindingData(List.of(subject));
        return deleteCiphertexts(subject);
    }

    /** Deletes what finds the subject (blind indexes, idempotency keys): a few rows, whatever the records. */
    void deleteFindingData(Collection<SubjectId> ids) {
        UUID[] s = ids.stream().map(SubjectId::value).distinct().toArray(UUID[]::new);
        jdbc.sql("DELETE FROM register_blind_index WHERE subject_id = ANY(:s)").param("s", s).update();
        jdbc.sql("DELETE FROM register_idempotency WHERE subject_id = ANY(:s)").param("s", s).update();
    }

    /** One history line per subject with the same category and change, in one statement. */
    void change(Collection<SubjectId> ids, Instant at, String actor, String category, String change) {
        jdbc.sql("""
                INSERT INTO register_change (subject_id, at, actor, category, change)
                SELECT s, :at, :actor, :category, :change FROM unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS t(s, n)
                ORDER BY t.n
                """).param("ids", ids.stream().map(SubjectId::value).toArray(UUID[]::new))
                .param("at", JdbcTime.param(at)).param("actor", actor).param("category", category)
                .param("change", change).update();
    }

    /** Deletes the subject's ciphertext rows (attachments, records); returns how many records went. */
    int deleteCiphertexts(SubjectId subject) {
        jdbc.sql("DELETE FROM register_attachment WHERE subject_id = :s").param("s", subject.value()).update();
        return jdbc.sql("DELETE FROM register_record WHERE subject_id = :s").param("s", subject.value()).update();
    }

    /**
     * Records that an erased subject's ciphertext rows are deleted (issue 28 item 7); false if they already were
     * or the erasure is not complete (the row is locked until the caller's transaction ends).
     */
    boolean rowsDeleted(SubjectId id, Instant now) {
        return jdbc.sql("""
                UPDATE register_subject SET rows_deleted_at = :now
                WHERE id = :id AND erasure_completed_at IS NOT NULL AND rows_deleted_at IS NULL
                """).param("id", id.value()).param("now", JdbcTime.param(now)).update() == 1;
    }

    /** Whether an erased subject's ciphertext rows still wait for deletion (false for a subject not erased). */
    boolean rowsPending(SubjectId id) {
        return jdbc.sql("""
                SELECT count(*) FROM register_subject
                WHERE id = :id AND erasure_completed_at IS NOT NULL AND rows_deleted_at IS NULL
                """).param("id", id.value()).query(Long.class).single() > 0;
    }

    /** Erased subjects whose (unreadable) ciphertext rows still wait for deletion, oldest erasure first. */
    List<SubjectId> rowsToDelete(int limit) {
        return jdbc.sql("""
                SELECT id FROM register_subject
                WHERE erasure_completed_at IS NOT NULL AND rows_deleted_at IS NULL
                ORDER BY erasure_completed_at LIMIT :limit
                """).param("limit", limit).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list();
    }

    // --- merge (issue 20, item 5) ---

    /** Copies a record to another subject with a new ciphertext (same id, metadata and times). */
    void copyRecord(SubjectId to, StoredRecord r, byte[] ciphertext) {
        jdbc.sql("""
                INSERT INTO register_record (subject_id, id, category, ciphertext, source, purposes, legal_basis,
                                             collected_at, confirmed_at, version)
                VALUES (:subject, :id, :category, :ciphertext, :source, CAST(:purposes AS text[]), :basis, :collected,
                        :confirmed, 1)
                """).param("subject", to.value()).param("id", r.id()).param("category", r.category())
                .param("ciphertext", ciphertext).param("source", r.source().name())
                .param("purposes", r.purposes().toArray(String[]::new)).param("basis", r.legalBasis().name())
                .param("collected", JdbcTime.param(r.collectedAt())).param("confirmed", JdbcTime.param(r.confirmedAt()))
                .update();
    }

    /** Adds purposes to a record (no duplicates); keeps the earlier collection time. */
    void addPurposes(SubjectId subject, UUID id, List<String> purposes, Instant collectedAt) {
        jdbc.sql("""
                UPDATE register_record SET purposes = ARRAY(SELECT DISTINCT unnest(purposes || CAST(:p AS text[]))),
                       collected_at = LEAST(collected_at, :collected), version = version + 1
                WHERE subject_id = :subject AND id = :id
                """).param("subject", subject.value()).param("id", id).param("p", purposes.toArray(String[]::new))
                .param("collected", JdbcTime.param(collectedAt)).update();
    }

    /** An attachment row with its ciphertext, for a merge. */
    record FullAttachment(UUID id, UUID record, String mediaType, long size, byte[] ciphertext, Instant createdAt) {
    }

    List<FullAttachment> attachments(SubjectId subject) {
        return jdbc.sql("SELECT * FROM register_attachment WHERE subject_id = :s ORDER BY created_at, id")
                .param("s", subject.value())
                .query((rs, n) -> new FullAttachment(rs.getObject("id", UUID.class), rs.getObject("record_id", UUID.class),
                        rs.getString("media_type"), rs.getLong("size"), rs.getBytes("ciphertext"),
                        JdbcTime.required(rs, "created_at")))
                .list();
    }

    /** Marks a merged subject: erased (answered as gone), erasure complete, and where its records went. */
    void markMerged(SubjectId from, SubjectId into, Instant now) {
        jdbc.sql("""
                UPDATE register_subject SET erased_at = :now, erasure_completed_at = :now, rows_deleted_at = :now,
                       merged_into = :into, merged_at = :now, organisation_id = NULL, version = version + 1,
                       updated_at = :now
                WHERE id = :id AND erased_at IS NULL
                """).param("id", from.value()).param("into", into.value()).param("now", JdbcTime.param(now)).update();
    }

    /** Merged subjects (ids), for the recovery job to make sure their keys are destroyed. */
    List<SubjectId> merged(int limit) {
        return jdbc.sql("SELECT id FROM register_subject WHERE merged_into IS NOT NULL ORDER BY merged_at LIMIT :limit")
                .param("limit", limit).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list();
    }

    /** Whether two subjects share an email or phone blind-index hash. */
    boolean shareIndex(SubjectId a, SubjectId b) {
        return jdbc.sql("""
                SELECT count(*) FROM register_blind_index x JOIN register_blind_index y
                  ON x.kind = y.kind AND x.hash = y.hash
                WHERE x.subject_id = :a AND y.subject_id = :b""").param("a", a.value()).param("b", b.value())
                .query(Long.class).single() > 0;
    }

    /** A group of subject ids sharing one blind-index hash. */
    record SharedIndex(String kind, List<UUID> subjects) {
    }

    /** Hashes shared by more than one live subject of the visible kinds (no hash leaves this method). */
    List<SharedIndex> sharedIndexes(Set<SubjectKind> visible, int limit) {
        return jdbc.sql("""
                SELECT b.kind, array_agg(DISTINCT b.subject_id) AS ids
                FROM register_blind_index b JOIN register_subject s ON s.id = b.subject_id
                WHERE s.erased_at IS NULL AND s.kinds && CAST(:visible AS text[])
                GROUP BY b.kind, b.hash HAVING count(DISTINCT b.subject_id) > 1
                ORDER BY min(s.created_at) LIMIT :limit
                """).param("visible", names(visible)).param("limit", limit)
                .query((rs, n) -> new SharedIndex(rs.getString("kind"),
                        List.of((UUID[]) rs.getArray("ids").getArray())))
                .list();
    }

    // --- blind indexes ---

    /** One blind-index entry: the kind ({@code email}, {@code phone}) and the keyed hash. */
    record IndexEntry(String kind, byte[] hash) {
    }

    void deleteIndexes(SubjectId subject) {
        jdbc.sql("DELETE FROM register_blind_index WHERE subject_id = :s").param("s", subject.value()).update();
    }

    /** Adds blind-index entries in one statement (one round trip). */
    void addIndexes(SubjectId subject, List<IndexEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO register_blind_index (subject_id, kind, hash) VALUES ");
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:s, :kind").append(i).append(", :hash").append(i).append(')');
            params.put("kind" + i, entries.get(i).kind());
            params.put("hash" + i, entries.get(i).hash());
        }
        jdbc.sql(sql.append(" ON CONFLICT DO NOTHING").toString()).params(params).param("s", subject.value()).update();
    }

    List<UUID> findByIndex(String kind, List<byte[]> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT subject_id FROM register_blind_index WHERE kind = :kind AND hash IN (:hashes)")
                .param("kind", kind).param("hashes", candidates).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    // --- attachments ---

    void insertAttachment(SubjectId subject, UUID id, UUID record, String mediaType, long size, byte[] ciphertext,
            Instant now) {
        jdbc.sql("""
                INSERT INTO register_attachment (subject_id, id, record_id, media_type, size, ciphertext, created_at)
                VALUES (:s, :id, :record, :type, :size, :ciphertext, :now)
                """).param("s", subject.value()).param("id", id).param("record", record).param("type", mediaType)
                .param("size", size).param("ciphertext", ciphertext).param("now", JdbcTime.param(now)).update();
    }

    /** How many attachments the subject has (the upload count limit). */
    int attachmentCount(SubjectId subject) {
        return jdbc.sql("SELECT count(*) FROM register_attachment WHERE subject_id = :s").param("s", subject.value())
                .query(Integer.class).single();
    }

    /** The attachment's record id and ciphertext. */
    record StoredAttachment(UUID record, byte[] ciphertext) {
    }

    Optional<StoredAttachment> attachment(SubjectId subject, UUID id) {
        return jdbc.sql("SELECT record_id, ciphertext FROM register_attachment WHERE subject_id = :s AND id = :id")
                .param("s", subject.value()).param("id", id)
                .query((rs, n) -> new StoredAttachment(rs.getObject("record_id", UUID.class), rs.getBytes("ciphertext")))
                .optional();
    }

    // --- change history ---

    void change(SubjectId subject, Instant at, String actor, String category, String change) {
        jdbc.sql("""
                INSERT INTO register_change (subject_id, at, actor, category, change)
                VALUES (:s, :at, :actor, :category, :change)
                """).param("s", subject.value()).param("at", JdbcTime.param(at)).param("actor", actor)
                .param("category", category).param("change", change).update();
    }

    /** One history line per category, in one statement. */
    void changes(SubjectId subject, Instant at, String actor, List<String> categories, String change) {
        jdbc.sql("""
                INSERT INTO register_change (subject_id, at, actor, category, change)
                SELECT :s, :at, :actor, c, :change FROM unnest(CAST(:categories AS text[])) WITH ORDINALITY AS t(c, n)
                ORDER BY n
                """).param("s", subject.value()).param("at", JdbcTime.param(at)).param("actor", actor)
                .param("categories", categories.toArray(String[]::new)).param("change", change).update();
    }

    List<ChangeEntry> history(SubjectId subject) {
        return jdbc.sql("SELECT * FROM register_change WHERE subject_id = :s ORDER BY seq")
                .param("s", subject.value())
                .query((rs, n) -> new ChangeEntry(rs.getLong("seq"), JdbcTime.required(rs, "at"), rs.getString("actor"),
                        rs.getString("category"), rs.getString("change")))
                .list();
    }

    // --- mapping ---

    static String[] names(Set<SubjectKind> kinds) {
        return kinds.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        UUID org = rs.getObject("organisation_id", UUID.class);
        Organisation organisation = org == null ? null
                : new Organisation(org, rs.getString("org_name"), rs.getString("org_number"),
                        rs.getString("business_address"));
        return new Row(new SubjectId(rs.getObject("id", UUID.class)), kinds(rs.getArray("kinds")), organisation,
                JdbcTime.required(rs, "created_at"), JdbcTime.required(rs, "updated_at"), rs.getLong("version"),
                JdbcTime.instant(rs, "erased_at"), JdbcTime.instant(rs, "erasure_completed_at"));
    }

    private static StoredRecord record(ResultSet rs, int n) throws SQLException {
        return new StoredRecord(rs.getObject("id", UUID.class), rs.getString("category"), rs.getBytes("ciphertext"),
                Source.valueOf(rs.getString("source")), List.of(strings(rs.getArray("purposes"))),
                LegalBasis.valueOf(rs.getString("legal_basis")), JdbcTime.required(rs, "collected_at"),
                JdbcTime.required(rs, "confirmed_at"), rs.getLong("version"));
    }

    private static Set<SubjectKind> kinds(Array array) throws SQLException {
        Set<SubjectKind> kinds = EnumSet.noneOf(SubjectKind.class);
        Arrays.stream(strings(array)).map(SubjectKind::valueOf).forEach(kinds::add);
        return kinds;
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }
}
