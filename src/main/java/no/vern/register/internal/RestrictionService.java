package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.Restriction;
import no.vern.register.Restrictions;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** The restriction rows (GDPR Art. 18); reads of the register consult them (see {@link SubjectReads#read}). */
@Service
class RestrictionService implements Restrictions {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    RestrictionService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Restriction restrict(SubjectId subject, String reason, @Nullable LocalDate releaseOn) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInput("reason", "is required (at most 500 characters)");
        }
        Instant now = clock.instant();
        String by = Actors.current().reference();
        jdbc.sql("""
                INSERT INTO register_restriction (subject_id, reason, release_on, since, by_actor)
                VALUES (:s, :reason, :release, :now, :by)
                ON CONFLICT (subject_id) DO UPDATE SET reason = :reason, release_on = :release""")
                .param("s", subject.value()).param("reason", reason.strip()).param("release", releaseOn)
                .param("now", JdbcTime.param(now)).param("by", by).update();
        audit.record(AuditEvent.of("register.subject.restrict", Outcome.SUCCESS).withTargets(subject.reference()));
        return restriction(subject).orElseThrow();
    }

    @Override
    @Transactional
    public boolean lift(SubjectId subject) {
        int n = jdbc.sql("DELETE FROM register_restriction WHERE subject_id = :s").param("s", subject.value()).update();
        if (n > 0) {
            audit.record(AuditEvent.of("register.subject.unrestrict", Outcome.SUCCESS).withTargets(subject.reference()));
        }
        return n > 0;
    }

    @Override
    public boolean isRestricted(SubjectId subject) {
        return jdbc.sql("SELECT count(*) FROM register_restriction WHERE subject_id = :s").param("s", subject.value())
                .query(Long.class).single() > 0;
    }

    @Override
    public Optional<Restriction> restriction(SubjectId subject) {
        return jdbc.sql("SELECT reason, release_on, since, by_actor FROM register_restriction WHERE subject_id = :s")
                .param("s", subject.value())
                .query((rs, n) -> new Restriction(subject, rs.getString("reason"),
                        rs.getObject("release_on", LocalDate.class), JdbcTime.required(rs, "since"), rs.getString("by_actor")))
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
