package no.vern.breach.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.breach.BreachId;
import no.vern.processing.CompanyProfiles;
import no.vern.shared.Actor;
import no.vern.processing.CompanyProfiles;
import no.vern.shared.JdbcTime;
import no.vern.processing.CompanyProfiles;
import no.vern.shared.Mail;
import no.vern.processing.CompanyProfiles;
import no.vern.shared.OutgoingMail;
import no.vern.processing.CompanyProfiles;
import no.vern.shared.TimeFormat;

/**
 * Reminds the privacy officer 24 and 60 hours after the company became aware of a breach that is
 * neither notified to Datatilsynet nor assessed as no risk (Art. 33(1): 72 hours). Each escalation
 * is recorded, so it is enqueued once even when several nodes run the job.
 */
@Component
class Escalations {

    static final List<Integer> AFTER_HOURS = List.of(24, 60);
    static final Actor JOB = Actor.system("breach-escalation");

    private final JdbcClient jdbc;
    private final OutgoingMail mail;
    private final BreachEvents events;
    private final AuditLog audit;
    private final BreachProperties properties;
    private final CompanyProfiles profile;
    private final TimeFormat time;
    private final Clock clock;

    Escalations(JdbcClient jdbc, OutgoingMail mail, BreachEvents events, AuditLog audit, BreachProperties properties,
            CompanyProfiles profile, TimeFormat time, Clock clock) {
        this.profile = profile;
        this.jdbc = jdbc;
        this.mail = mail;
        this.events = events;
        this.audit = audit;
        this.properties = properties;
        this.time = time;
        this.clock = clock;
    }

    record Due(UUID id, String receipt, Instant notifyAuthorityBy) {
    }

    /** Enqueues the escalations that are due; returns how many. */
    @Transactional
    public int run() {
        Instant now = clock.instant();
        int enqueued = 0;
        for (int hours : AFTER_HOURS) {
            List<Due> due = jdbc.sql("""
                    SELECT b.id, b.receipt, b.notify_authority_by FROM breach b
                    WHERE b.closed_at IS NULL AND (b.risk IS NULL OR b.risk <> 'NONE')
                      AND b.aware_at <= :threshold
                      AND NOT EXISTS (SELECT 1 FROM breach_authority_notification n
                                      WHERE n.breach_id = b.id AND n.phase = 'INITIAL')
                      AND NOT EXISTS (SELECT 1 FROM breach_escalation e
                                      WHERE e.breach_id = b.id AND e.after_hours = :hours)
                    ORDER BY b.aware_at FOR UPDATE OF b SKIP LOCKED""")
                    .param("threshold", JdbcTime.param(now.minus(Duration.ofHours(hours)))).param("hours", hours)
                    .query((rs, i) -> new Due(rs.getObject("id", UUID.class), rs.getString("receipt"),
                            JdbcTime.required(rs, "notify_authority_by")))
                    .list();
            for (Due d : due) {
                int inserted = jdbc.sql("""
                        INSERT INTO breach_escalation (breach_id, after_hours, enqueued_at) VALUES (:id, :hours, :now)
                        ON CONFLICT DO NOTHING""").param("id", d.id()).param("hours", hours)
                        .param("now", JdbcTime.param(now)).update();
                if (inserted == 0) {
                    continue;
                }
                Duration left = Duration.between(now, d.notifyAuthorityBy());
                mail.send(Mail.to(profile.current().privacyMailbox(),
                        "[Vern] %d t: avvik %s ikke meldt / %d h: breach %s not notified".formatted(hours, d.receipt(),
                                hours, d.receipt()),
                        """
                        Avviket %s er ikke meldt til Datatilsynet og ikke vurdert som uten risiko.
                        Breach %s is not notified to Datatilsynet and not assessed as no risk.

                        Frist / deadline: %s (Europe/Oslo), %d t / h igjen / left.

                        %s/console/breach/%s
                        """.formatted(d.receipt(), d.receipt(), time.local(d.notifyAuthorityBy()),
                                Math.max(0, left.toHours()), properties.consoleUrl(), d.id())));
                BreachId id = new BreachId(d.id());
                events.append(id, now, JOB.reference(), "escalated", Map.of("afterHours", hours));
                audit.record(AuditEvent.by(JOB, "breach.case.escalated", Outcome.SUCCESS).withTargets(id.reference()));
                enqueued++;
            }
        }
        return enqueued;
    }
}
