package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.KeptCategory;
import no.vern.register.Restriction;
import no.vern.register.RestrictionChanged;
import no.vern.register.RestrictionNotice;
import no.vern.register.Restrictions;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * The restriction rows (GDPR Art. 18) and the categories an erasure kept under a legal duty (Art. 17(3)(b));
 * reads of the register consult them (see {@link SubjectReads#read}). Lifting tells the person first (Art. 18(3)).
 */
@Service
class RestrictionService implements Restrictions {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Subjects subjects;
    private final ObjectProvider<RestrictionNotice> notices;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RestrictionService(JdbcClient jdbc, AuditLog audit, Subjects subjects, ObjectProvider<RestrictionNotice> notices,
            ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.subjects = subjects;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Restriction restrict(SubjectId subject, String reason, @Nullable LocalDate releaseOn) {
        upsert(subject, reason, releaseOn); // categories kept under a duty keep their own release dates
        audit.record(AuditEvent.of("register.subject.restrict", Outcome.SUCCESS).withTargets(subject.reference()));
        events.publishEvent(new RestrictionChanged(subject, true));
        return restriction(subject).orElseThrow();
    }

    /**
     * Restricts the subject to the kept categories, each with its ground and release date (GDPR Art. 17(3)(b));
     * the restriction's own release date is the latest of them. Runs in the caller's transaction; the caller audits.
     */
    Restriction restrictKept(SubjectId subject, String reason, List<KeptCategory> kept) {
        LocalDate latest = kept.stream().map(KeptCategory::releaseOn).max(Comparator.naturalOrder()).orElse(null);
        upsert(subject, reason, latest);
        jdbc.sql("DELETE FROM register_restriction_category WHERE subject_id = :s").param("s", subject.value()).update();
        for (KeptCategory k : kept) {
            jdbc.sql("""
                    INSERT INTO register_restriction_category (subject_id, purpose_key, category, ground, release_on)
                    VALUES (:s, :p, :c, :g, :r)""").param("s", subject.value()).param("p", k.purposeKey())
                    .param("c", k.category()).param("g", k.ground()).param("r", k.releaseOn()).update();
        }
        events.publishEvent(new RestrictionChanged(subject, true));
        return restriction(subject).orElseThrow();
    }

    private void upsert(SubjectId subject, String reason, @Nullable LocalDate releaseOn) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInput("reason", "is required (at most 500 characters)",
                    reason == null || reason.isBlank() ? "error.field.required" : "error.field.tooLong", "500");
        }
        jdbc.sql("""
                INSERT INTO register_restriction (subject_id, reason, release_on, since, by_actor)
                VALUES (:s, :reason, :release, :now, :by)
                ON CONFLICT (subject_id) DO UPDATE SET reason = :reason, release_on = :release""")
                .param("s", subject.value()).param("reason", reason.strip()).param("release", releaseOn)
                .param("now", JdbcTime.param(clock.instant())).param("by", Actors.current().reference()).update();
    }

    @Override
    @Transactional
    public Restriction lift(SubjectId subject, UUID restrictionId, String reason) {
        Restriction r = restriction(subject).filter(x -> x.id().equals(restrictionId))
                .orElseThrow(() -> new NotFound("Restriction", restrictionId));
        String why = reason == null ? "" : reason.strip();
        if (why.codePoints().filter(Character::isLetterOrDigit).count() < 3 || why.length() > 500) {
            throw new InvalidInput("reason", "say why the restriction is lifted (at most 500 characters)",
                    why.length() > 500 ? "error.field.tooLong" : "register.error.liftReason", "500");
        }
        if (!r.kept().isEmpty()) {
            audit.record(AuditEvent.of("register.subject.unrestrict", Outcome.DENIED).withTargets(subject.reference(),
                    "restriction:" + restrictionId));
            throw new Conflict("restriction-kept-under-duty", "Kept under a legal duty",
                    "Restriction " + restrictionId + " holds only what an erasure kept under a legal duty (GDPR Art."
                            + " 17(3)(b)); it is released, i.e. erased, on its release date and is not lifted.");
        }
        // GDPR Art. 18(3): the person is told before the restriction is lifted; no one to tell them, no lifting.
        boolean told = notices.orderedStream().anyMatch(n -> n.tellBeforeLifting(r, why));
        if (!told) {
            audit.record(AuditEvent.of("register.subject.unrestrict", Outcome.DENIED).withTargets(subject.reference(),
                    "restriction:" + restrictionId));
            throw new Conflict("restriction-person-not-told", "The person cannot be told",
                    "Restriction " + restrictionId + " is not lifted: no address and language are known to tell the person"
                            + " first (GDPR Art. 18(3)).");
        }
        Instant now = clock.instant();
        String by = Actors.current().reference();
        jdbc.sql("""
                INSERT INTO register_restriction_lifted (subject_id, id, reason, told_at, lifted_at, by_actor)
                VALUES (:s, :id, :reason, :now, :now, :by)""").param("s", subject.value()).param("id", restrictionId)
                .param("reason", why).param("now", JdbcTime.param(now)).param("by", by).update();
        subjects.change(subject, now, by, "restriction", "told");
        jdbc.sql("DELETE FROM register_restriction WHERE subject_id = :s").param("s", subject.value()).update();
        subjects.change(subject, now, by, "restriction", "lifted");
        audit.record(AuditEvent.of("register.subject.unrestrict", Outcome.SUCCESS).withTargets(subject.reference(),
                "restriction:" + restrictionId));
        events.publishEvent(new RestrictionChanged(subject, false));
        return r;
    }

    /** Removes the restriction without telling anyone: only when nothing restricted is left (released or erased). */
    void drop(SubjectId subject) {
        jdbc.sql("DELETE FROM register_restriction WHERE subject_id = :s").param("s", subject.value()).update();
    }

    /** Removes one kept category from a restriction (released by the job). */
    void dropKept(SubjectId subject, String purposeKey, String category) {
        jdbc.sql("DELETE FROM register_restriction_category WHERE subject_id = :s AND purpose_key = :p AND category = :c")
                .param("s", subject.value()).param("p", purposeKey).param("c", category).update();
    }

    /** Kept categories whose duty ended before {@code today} (released the day after their last kept day). */
    List<Released> releasedBefore(LocalDate today, int limit) {
        return jdbc.sql("""
                SELECT subject_id, purpose_key, category FROM register_restriction_category WHERE release_on < :today
                ORDER BY subject_id, purpose_key, category LIMIT :limit""").param("today", today).param("limit", limit)
                .query((rs, n) -> new Released(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getString("purpose_key"), rs.getString("category")))
                .list();
    }

    /** A kept category due for release. */
    record Released(SubjectId subject, String purposeKey, String category) {
    }

    @Override
    public boolean isRestricted(SubjectId subject) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT " + restrictedSql(":s")).param("s", subject.value())
                .query(Boolean.class).single());
    }

    /** The SQL condition "the subject {@code subjectIdSql} is restricted (GDPR Art. 18)", for one-statement reads. */
    static String restrictedSql(String subjectIdSql) {
        return "EXISTS (SELECT 1 FROM register_restriction WHERE subject_id = " + subjectIdSql + ")";
    }

    @Override
    public Optional<Restriction> restriction(SubjectId subject) {
        List<KeptCategory> kept = jdbc.sql("""
                SELECT purpose_key, category, ground, release_on FROM register_restriction_category WHERE subject_id = :s
                ORDER BY release_on, purpose_key, category""").param("s", subject.value())
                .query((rs, n) -> new KeptCategory(rs.getString("purpose_key"), rs.getString("category"),
                        rs.getString("ground"), rs.getObject("release_on", LocalDate.class)))
                .list();
        return jdbc.sql("SELECT id, reason, release_on, since, by_actor FROM register_restriction WHERE subject_id = :s")
                .param("s", subject.value())
                .query((rs, n) -> new Restriction(rs.getObject("id", UUID.class), subject, rs.getString("reason"),
                        rs.getObject("release_on", LocalDate.class), JdbcTime.required(rs, "since"),
                        rs.getString("by_actor"), kept))
                .optional();
    }

    @Override
    public Set<SubjectId> restrictedAmong(Collection<SubjectId> subjects) {
        if (subjects.isEmpty()) {
            return Set.of();
        }
        List<UUID> ids = subjects.stream().map(SubjectId::value).toList();
        Set<SubjectId> found = new HashSet<>();
        jdbc.sql("SELECT subject_id FROM register_restriction WHERE subject_id = ANY(:ids)")
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list().forEach(found::add);
        return found;
    }
}
