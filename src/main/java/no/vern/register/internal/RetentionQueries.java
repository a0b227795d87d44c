package no.vern.register.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.Organisation;
import no.vern.register.RecordsErased;
import no.vern.register.RetentionView;
import no.vern.shared.Actor;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The register's {@link RetentionView}: bulk reads in ids and times for the retention module's purge
 * planning, and record-level erasure for one purpose, in the register's own transaction and audit.
 */
@Component
class RetentionQueries implements RetentionView {

    private static final Actor ACTOR = Actor.system("retention");

    private final JdbcClient jdbc;
    private final Subjects subjects;
    private final SubjectIndexes indexes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final PurposeErasureFanOut fanOut;
    private final Erasure erasure;
    private final BulkRecordErasure bulk;

    RetentionQueries(PurposeErasureFanOut fanOut, Erasure erasure, BulkRecordErasure bulk, JdbcClient jdbc, Subjects subjects, SubjectIndexes indexes, AuditLog audit,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.fanOut = fanOut;
        this.erasure = erasure;
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.indexes = indexes;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
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

    @Override
    public int eraseRecords(SubjectId subject, String purposeKey, Collection<UUID> recordIds) {
        if (recordIds.isEmpty()) {
            return 0;
        }
        String ids = "{" + String.join(",", recordIds.stream().map(UUID::toString).toList()) + "}";
        Integer changed = tx.execute(s -> {
            PurposeErasureFanOut.Identifiers identifiers = fanOut.before(subject);
            int deleted = jdbc.sql("""
                    DELETE FROM register_record WHERE subject_id = :subject AND id = ANY(CAST(:ids AS uuid[]))
                      AND purposes = ARRAY[:purpose]::text[]
                    """).param("subject", subject.value()).param("ids", ids).param("purpose", purposeKey).update();
            int narrowed = jdbc.sql("""
                    UPDATE register_record SET purposes = array_remove(purposes, :purpose), version = version + 1
                    WHERE subject_id = :subject AND id = ANY(CAST(:ids AS uuid[])) AND :purpose = ANY(purposes)
                    """).param("subject", subject.value()).param("ids", ids).param("purpose", purposeKey).update();
            if (deleted + narrowed == 0) {
                return 0;
            }
            fanOut.after(subject, purposeKey, identifiers, deleted + narrowed);
            jdbc.sql("""
                    DELETE FROM register_attachment a WHERE a.subject_id = :subject
                      AND NOT EXISTS (SELECT 1 FROM register_record r WHERE r.subject_id = a.subject_id AND r.id = a.record_id)
                    """).param("subject", subject.value()).update();
            Instant now = clock.instant();
            indexes.rebuild(subject);
            subjects.change(subject, now, ACTOR.reference(), "purpose:" + purposeKey, "retention");
            events.publishEvent(new RecordsErased(subject, purposeKey));
            audit.record(AuditEvent.by(ACTOR, "register.records.retention-erase", Outcome.SUCCESS)
                    .withPurpose(purposeKey).withTargets(subject.reference()));
            return deleted + narrowed;
        });
        return changed == null ? 0 : changed;
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
