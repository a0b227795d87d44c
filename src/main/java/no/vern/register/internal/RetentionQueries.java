package no.vern.register.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    RetentionQueries(PurposeErasureFanOut fanOut, Erasure erasure, JdbcClient jdbc, Subjects subjects, SubjectIndexes indexes, AuditLog audit,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.fanOut = fanOut;
        this.erasure = erasure;
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
    public Set<SubjectId> holdingRecords(Collection<SubjectId> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        // As holdsRecords: the ciphertexts an erasure leaves for the recovery job are held by no one.
        return new HashSet<>(jdbc.sql("""
                SELECT DISTINCT r.subject_id FROM register_record r WHERE r.subject_id = ANY(:ids)
                  AND NOT EXISTS (SELECT 1 FROM register_subject s WHERE s.id = r.subject_id AND s.erasure_completed_at IS NOT NULL)
                """).param("ids", ids(candidates)).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list());
    }

    /** A record as the bulk erasure reads it before changing it. */
    private record Held(SubjectId subject, UUID id, String category, List<String> purposes) {
    }

    @Override
    public int[] eraseRecords(List<PurposeRecords> items) {
        int[] changed = new int[items.size()];
        List<SubjectId> touched = items.stream().filter(i -> !i.records().isEmpty()).map(PurposeRecords::subject)
                .distinct().toList();
        if (touched.isEmpty()) {
            return changed;
        }
        tx.executeWithoutResult(s -> {
            Map<SubjectId, PurposeErasureFanOut.Identifiers> identifiers = fanOut.before(touched);
            // The records named by the items, locked, with their purposes before the change.
            Set<UUID> named = new HashSet<>();
            items.forEach(i -> named.addAll(i.records()));
            Map<String, Held> held = new HashMap<>();
            jdbc.sql("""
                    SELECT subject_id, id, category, purposes FROM register_record
                    WHERE subject_id = ANY(:subjects) AND id = ANY(:ids) ORDER BY subject_id, id FOR UPDATE
                    """).param("subjects", ids(touched)).param("ids", named.toArray(UUID[]::new))
                    .query((rs, n) -> new Held(new SubjectId(rs.getObject("subject_id", UUID.class)),
                            rs.getObject("id", UUID.class), rs.getString("category"), strings(rs.getArray("purposes"))))
                    .list().forEach(h -> held.put(h.subject().value() + "/" + h.id(), h));
            // Each record loses every purpose an item names for it; one without a purpose left is deleted.
            Map<String, Set<String>> losing = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                PurposeRecords item = items.get(i);
                for (UUID record : item.records()) {
                    Held h = held.get(item.subject().value() + "/" + record);
                    if (h != null && h.purposes().contains(item.purposeKey())) {
                        losing.computeIfAbsent(item.subject().value() + "/" + record, k -> new LinkedHashSet<>())
                                .add(item.purposeKey());
                        changed[i]++;
                    }
                }
            }
            if (losing.isEmpty()) {
                return;
            }
            List<UUID> delSubjects = new ArrayList<>();
            List<UUID> delIds = new ArrayList<>();
            List<UUID> narrowSubjects = new ArrayList<>();
            List<UUID> narrowIds = new ArrayList<>();
            List<String> narrowTo = new ArrayList<>();
            Set<SubjectId> identifierGone = new HashSet<>();
            losing.forEach((key, purposes) -> {
                Held h = java.util.Objects.requireNonNull(held.get(key)); // losing holds only keys of held
                List<String> left = h.purposes().stream().filter(p -> !purposes.contains(p)).toList();
                if (left.isEmpty()) {
                    delSubjects.add(h.subject().value());
                    delIds.add(h.id());
                    if (h.category().equals(no.vern.register.Categories.EMAIL)
                            || h.category().equals(no.vern.register.Categories.PHONE)) {
                        identifierGone.add(h.subject());
                    }
                } else {
                    narrowSubjects.add(h.subject().value());
                    narrowIds.add(h.id());
                    narrowTo.add(String.join(",", left));
                }
            });
            if (!delIds.isEmpty()) {
                jdbc.sql("""
                        DELETE FROM register_record r USING unnest(CAST(:subjects AS uuid[]), CAST(:ids AS uuid[])) AS t(s, id)
                        WHERE r.subject_id = t.s AND r.id = t.id
                        """).param("subjects", delSubjects.toArray(UUID[]::new)).param("ids", delIds.toArray(UUID[]::new))
                        .update();
            }
            if (!narrowIds.isEmpty()) {
                jdbc.sql("""
                        UPDATE register_record r SET purposes = string_to_array(t.p, ','), version = r.version + 1
                        FROM unnest(CAST(:subjects AS uuid[]), CAST(:ids AS uuid[]), CAST(:purposes AS text[])) AS t(s, id, p)
                        WHERE r.subject_id = t.s AND r.id = t.id
                        """).param("subjects", narrowSubjects.toArray(UUID[]::new))
                        .param("ids", narrowIds.toArray(UUID[]::new)).param("purposes", narrowTo.toArray(String[]::new))
                        .update();
            }
            // Per subject and purpose that changed: in the order of the items.
            Map<SubjectId, Set<String>> purposesBySubject = new LinkedHashMap<>();
            Map<String, Integer> changedBySubjectPurpose = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                if (changed[i] > 0) {
                    PurposeRecords item = items.get(i);
                    purposesBySubject.computeIfAbsent(item.subject(), k -> new LinkedHashSet<>()).add(item.purposeKey());
                    changedBySubjectPurpose.merge(item.subject().value() + "/" + item.purposeKey(), changed[i], Integer::sum);
                }
            }
            UUID[] changedSubjects = ids(purposesBySubject.keySet());
            jdbc.sql("""
                    DELETE FROM register_attachment a WHERE a.subject_id = ANY(:subjects)
                      AND NOT EXISTS (SELECT 1 FROM register_record r WHERE r.subject_id = a.subject_id AND r.id = a.record_id)
                    """).param("subjects", changedSubjects).update();
            // Blind indexes from what is stored now: none for a subject left without records, rebuilt for one that
            // still holds records and lost an email or phone record (its other purposes' records keep theirs).
            Set<SubjectId> holding = holdingRecords(purposesBySubject.keySet());
            UUID[] empty = purposesBySubject.keySet().stream().filter(x -> !holding.contains(x)).map(SubjectId::value)
                    .toArray(UUID[]::new);
            if (empty.length > 0) {
                jdbc.sql("DELETE FROM register_blind_index WHERE subject_id = ANY(:subjects)").param("subjects", empty).update();
            }
            identifierGone.stream().filter(holding::contains).forEach(indexes::rebuild);
            Instant now = clock.instant();
            List<UUID> historySubjects = new ArrayList<>();
            List<String> historyCategories = new ArrayList<>();
            purposesBySubject.forEach((subject, purposes) -> purposes.forEach(p -> {
                historySubjects.add(subject.value());
                historyCategories.add("purpose:" + p);
            }));
            jdbc.sql("""
                    INSERT INTO register_change (subject_id, at, actor, category, change)
                    SELECT t.s, :at, :actor, t.c, 'retention'
                    FROM unnest(CAST(:subjects AS uuid[]), CAST(:categories AS text[])) WITH ORDINALITY AS t(s, c, n)
                    ORDER BY t.n
                    """).param("subjects", historySubjects.toArray(UUID[]::new))
                    .param("categories", historyCategories.toArray(String[]::new)).param("at", JdbcTime.param(now))
                    .param("actor", ACTOR.reference()).update();
            Map<String, List<String>> auditByPurpose = new LinkedHashMap<>();
            PurposeErasureFanOut.Identifiers none = new PurposeErasureFanOut.Identifiers(Set.of(), Set.of());
            purposesBySubject.forEach((subject, purposes) -> purposes.forEach(p -> {
                events.publishEvent(new RecordsErased(subject, p));
                fanOut.after(subject, p, identifiers.getOrDefault(subject, none),
                        changedBySubjectPurpose.getOrDefault(subject.value() + "/" + p, 0));
                auditByPurpose.computeIfAbsent(p, k -> new ArrayList<>()).add(subject.reference());
            }));
            auditByPurpose.forEach((p, targets) -> audit.record(AuditEvent.by(ACTOR, "register.records.retention-erase",
                    Outcome.SUCCESS).withPurpose(p).withTargets(targets.toArray(String[]::new))));
        });
        return changed;
    }

    @Override
    public List<SubjectId> eraseEmptied(Collection<SubjectId> candidates) {
        return erasure.eraseEmptied(candidates, no.vern.shared.Actors.currentOr(ACTOR));
    }

    private static UUID[] ids(Collection<SubjectId> subjects) {
        return subjects.stream().map(SubjectId::value).distinct().toArray(UUID[]::new);
    }

    private static java.util.Set<no.vern.processing.SubjectKind> kinds(@Nullable Array array) throws SQLException {
        java.util.Set<no.vern.processing.SubjectKind> kinds = java.util.EnumSet.noneOf(no.vern.processing.SubjectKind.class);
        strings(array).forEach(k -> kinds.add(no.vern.processing.SubjectKind.valueOf(k)));
        return kinds;
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
