package no.vern.register.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.register.Organisation;
import no.vern.register.RetentionView;
import no.vern.shared.Actor;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The register's {@link RetentionView}: bulk reads in ids and times for the retention module's purge
 * planning, and record-level erasure for one purpose, in the register's own transaction and audit (one or many items:
 * both through {@link BulkRecordErasure}).
 */
@Component
class RetentionQueries implements RetentionView {

    private static final Actor ACTOR = Actor.system("retention");

    private final JdbcClient jdbc;
    private final Erasure erasure;
    private final BulkRecordErasure bulk;

    RetentionQueries(Erasure erasure, BulkRecordErasure bulk, JdbcClient jdbc) {
        this.erasure = erasure;
        this.bulk = bulk;
        this.jdbc = jdbc;
    }

    @Override
    public List<HeldRecord> heldFor(String purposeKey, @Nullable SubjectId after, int limit) {
        return jdbc.sql("""
                SELECT r.subject_id, s.organisation_id, s.kinds, r.id, r.category, r.purposes, r.collected_at, r.confirmed_at
                FROM register_record r JOIN register_subject s ON s.id = r.subject_id
                WHERE :purpose = ANY(r.purposes) AND s.erased_at IS NULL
                  AND r.subject_id IN (
                    SELECT DISTINCT r2.subject_id FROM register_record r2 JOIN register_subject s2 ON s2.id = r2.subject_id
                    WHERE :purpose = ANY(r2.purposes) AND s2.erased_at IS NULL AND (CAST(:after AS uuid) IS NULL OR r2.subject_id > :after)
                    ORDER BY r2.subject_id LIMIT :limit)
                ORDER BY r.subject_id, r.id
                """).param("purpose", purposeKey).param("after", after == null ? null : after.value())
                .param("limit", limit)
                .query((rs, n) -> new HeldRecord(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getObject("organisation_id", UUID.class), kinds(rs.getArray("kinds")),
                        rs.getObject("id", UUID.class), rs.getString("category"), strings(rs.getArray("purposes")),
                        JdbcTime.required(rs, "collected_at"), JdbcTime.required(rs, "confirmed_at")))
                .list();
    }

    @Override
    public List<HeldRecord> heldFor(String purposeKey, Collection<SubjectId> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT r.subject_id, s.organisation_id, s.kinds, r.id, r.category, r.purposes, r.collected_at, r.confirmed_at
                FROM register_record r JOIN register_subject s ON s.id = r.subject_id
                WHERE r.subject_id = ANY(:subjects) AND :purpose = ANY(r.purposes) AND s.erased_at IS NULL
                ORDER BY r.subject_id, r.id
                """).param("purpose", purposeKey)
                .param("subjects", subjects.stream().map(SubjectId::value).distinct().toArray(UUID[]::new))
                .query((rs, n) -> new HeldRecord(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getObject("organisation_id", UUID.class), kinds(rs.getArray("kinds")),
                        rs.getObject("id", UUID.class), rs.getString("category"), strings(rs.getArray("purposes")),
                        JdbcTime.required(rs, "collected_at"), JdbcTime.required(rs, "confirmed_at")))
                .list();
    }

    @Override
    public List<HeldRecord> heldBy(SubjectId subject) {
        return jdbc.sql("""
                SELECT r.subject_id, s.organisation_id, s.kinds, r.id, r.category, r.purposes, r.collected_at, r.confirmed_at
                FROM register_record r JOIN register_subject s ON s.id = r.subject_id
                WHERE r.subject_id = :subject AND s.erased_at IS NULL
                ORDER BY r.collected_at, r.id
                """).param("subject", subject.value())
                .query((rs, n) -> new HeldRecord(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getObject("organisation_id", UUID.class), kinds(rs.getArray("kinds")),
                        rs.getObject("id", UUID.class), rs.getString("category"), strings(rs.getArray("purposes")),
                        JdbcTime.required(rs, "collected_at"), JdbcTime.required(rs, "confirmed_at")))
                .list();
    }

    @Override
    public List<Organisation> organisations() {
        return jdbc.sql("SELECT id, name, org_number, business_address FROM register_organisation ORDER BY name, id")
                .query((rs, n) -> new Organisation(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("org_number"), rs.getString("business_address")))
                .list();
    }

    @Override
    public Optional<Organisation> organisation(String idOrOrgNumber) {
        String key = idOrOrgNumber.strip().replace(" ", "");
        UUID id = null;
        if (key.length() == 36) {
            try {
                id = UUID.fromString(key);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else if (!key.matches("\\d{9}")) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT id, name, org_number, business_address FROM register_organisation
                WHERE id = CAST(:id AS uuid) OR org_number = :number
                """).param("id", id).param("number", id == null ? key : null)
                .query((rs, n) -> new Organisation(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("org_number"), rs.getString("business_address")))
                .optional();
    }

    @Override
    public boolean exists(SubjectId subject) {
        return jdbc.sql("SELECT count(*) FROM register_subject WHERE id = :id AND erased_at IS NULL")
                .param("id", subject.value()).query(Long.class).single() > 0;
    }

    @Override
    public boolean holdsRecords(SubjectId subject) {
        // The ciphertexts an erasure leaves for the recovery job to delete are held by no one (issue 28 item 7).
        return jdbc.sql("""
                SELECT count(*) FROM register_record WHERE subject_id = :id
                  AND NOT EXISTS (SELECT 1 FROM register_subject s WHERE s.id = :id AND s.erasure_completed_at IS NOT NULL)
                """).param("id", subject.value()).query(Long.class).single() > 0;
    }

    @Override
    public boolean holdsRecordsBesides(SubjectId subject, String purposeKey) {
        return jdbc.sql("""
                SELECT count(*) FROM register_record
                WHERE subject_id = :id AND cardinality(array_remove(purposes, :purpose)) > 0
                  AND NOT EXISTS (SELECT 1 FROM register_subject s WHERE s.id = :id AND s.erasure_completed_at IS NOT NULL)""")
                .param("id", subject.value()).param("purpose", purposeKey).query(Long.class).single() > 0;
    }

    /** One item of {@link #eraseRecords(List)}: one rule, one place (the bulk erasure is the only one). */
    @Override
    public int eraseRecords(SubjectId subject, String purposeKey, Collection<UUID> recordIds) {
        if (recordIds.isEmpty()) {
            return 0;
        }
        return bulk.eraseRecords(List.of(new PurposeRecords(subject, purposeKey, List.copyOf(recordIds))))[0];
    }

    @Override
    public Set<SubjectId> existing(Collection<SubjectId> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT id FROM register_subject WHERE id = ANY(:ids) AND erased_at IS NULL")
                .param("ids", ids(candidates)).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list());
    }

    @Override
    public int[] eraseRecords(List<PurposeRecords> items) {
        return bulk.eraseRecords(items);
    }

    @Override
    public List<SubjectId> eraseEmptied(Collection<SubjectId> candidates) {
        return erasure.eraseEmptied(candidates, no.vern.shared.Actors.currentOr(ACTOR));
    }

    static UUID[] ids(Collection<SubjectId> subjects) {
        return subjects.stream().map(SubjectId::value).distinct().toArray(UUID[]::new);
    }

    private static java.util.Set<no.vern.processing.SubjectKind> kinds(@Nullable Array array) throws SQLException {
        java.util.Set<no.vern.processing.SubjectKind> kinds = java.util.EnumSet.noneOf(no.vern.processing.SubjectKind.class);
        strings(array).forEach(k -> kinds.add(no.vern.processing.SubjectKind.valueOf(k)));
        return kinds;
    }

    static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
