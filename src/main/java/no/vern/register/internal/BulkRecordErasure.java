package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.RecordsErased;
import no.vern.register.RetentionView;
import no.vern.register.RetentionView.PurposeRecords;
import no.vern.shared.Actor;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The retention purge's erasure of a batch of items at once (issue 28 item 8), split from {@link RetentionQueries}:
 * the named records read and locked in one query, then one delete and one narrowing statement, the attachments,
 * blind indexes and history of every subject touched in a few set-based statements, one {@link RecordsErased} event
 * and one connected-systems fan-out call for the batch (a fan-out per subject and purpose that a connected system
 * holds; identifiers are read only then), and one audit entry per purpose naming its subjects.
 */
@Component
class BulkRecordErasure {

    private static final Actor ACTOR = Actor.system("retention");

    private final JdbcClient jdbc;
    private final SubjectIndexes indexes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PurposeErasureFanOut fanOut;

    BulkRecordErasure(PurposeErasureFanOut fanOut, JdbcClient jdbc, SubjectIndexes indexes, AuditLog audit,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.fanOut = fanOut;
        this.jdbc = jdbc;
        this.indexes = indexes;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** Which of the candidates still hold records (as {@link RetentionQueries#holdsRecords}). */
    private Set<SubjectId> holdingRecords(Collection<SubjectId> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        // As holdsRecords: the ciphertexts an erasure leaves for the recovery job are held by no one.
        return new HashSet<>(jdbc.sql("""
                SELECT DISTINCT r.subject_id FROM register_record r WHERE r.subject_id = ANY(:ids)
                  AND NOT EXISTS (SELECT 1 FROM register_subject s WHERE s.id = r.subject_id AND s.erasure_completed_at IS NOT NULL)
                """).param("ids", RetentionQueries.ids(candidates)).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list());
    }

    /** A record as the bulk erasure reads it before changing it. */
    private record Held(SubjectId subject, UUID id, String category, List<String> purposes) {
    }

    /** {@link RetentionView#eraseRecords(List)}: see the class. */
    int[] eraseRecords(List<PurposeRecords> items) {
        int[] changed = new int[items.size()];
        List<SubjectId> touched = items.stream().filter(i -> !i.records().isEmpty()).map(PurposeRecords::subject)
                .distinct().toList();
        if (touched.isEmpty()) {
            return changed;
        }
        tx.executeWithoutResult(s -> {
            Map<SubjectId, PurposeErasureFanOut.Identifiers> identifiers = fanOut.before(touched,
                    items.stream().map(PurposeRecords::purposeKey).collect(java.util.stream.Collectors.toSet()));
            // The records named by the items, locked, with their purposes before the change.
            Set<UUID> named = new HashSet<>();
            items.forEach(i -> named.addAll(i.records()));
            Map<String, Held> held = new HashMap<>();
            jdbc.sql("""
                    SELECT subject_id, id, category, purposes FROM register_record
                    WHERE subject_id = ANY(:subjects) AND id = ANY(:ids) ORDER BY subject_id, id FOR UPDATE
                    """).param("subjects", RetentionQueries.ids(touched)).param("ids", named.toArray(UUID[]::new))
                    .query((rs, n) -> new Held(new SubjectId(rs.getObject("subject_id", UUID.class)),
                            rs.getObject("id", UUID.class), rs.getString("category"), RetentionQueries.strings(rs.getArray("purposes"))))
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
            UUID[] changedSubjects = RetentionQueries.ids(purposesBySubject.keySet());
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
            List<PurposeErasureFanOut.Erased> propagate = new ArrayList<>();
            purposesBySubject.forEach((subject, purposes) -> purposes.forEach(p -> {
                events.publishEvent(new RecordsErased(subject, p));
                propagate.add(new PurposeErasureFanOut.Erased(subject, p, identifiers.getOrDefault(subject, none),
                        changedBySubjectPurpose.getOrDefault(subject.value() + "/" + p, 0)));
                auditByPurpose.computeIfAbsent(p, k -> new ArrayList<>()).add(subject.reference());
            }));
            fanOut.after(propagate); // one call for the batch
            auditByPurpose.forEach((p, targets) -> audit.record(AuditEvent.by(ACTOR, "register.records.retention-erase",
                    Outcome.SUCCESS).withPurpose(p).withTargets(targets.toArray(String[]::new))));
        });
        return changed;
    }
}
