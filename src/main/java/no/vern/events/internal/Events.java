package no.vern.events.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.events.Event;
import no.vern.events.RegistrationStatus;
import no.vern.shared.JdbcTime;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/** Events and registrations in {@code events_event} / {@code events_registration} (ids only, no personal data). */
@Repository
class Events {

    private static final String EVENT_COLUMNS = """
            e.id, e.title, e.starts_at, e.place, e.capacity, e.signup_deadline, e.ask_phone, e.ask_company,
            e.purged_at,
            (SELECT count(*) FROM events_registration r WHERE r.event_id = e.id AND r.status = 'CONFIRMED') AS confirmed,
            (SELECT count(*) FROM events_registration r WHERE r.event_id = e.id AND r.status = 'WAITING') AS waiting
            """;

    /** A registration row. */
    record Registration(UUID id, UUID eventId, SubjectId subject, RegistrationStatus status, String language,
            boolean crmConsent, boolean newsletter, UUID receiptId, Instant registeredAt, @Nullable Instant checkedInAt,
            @Nullable Instant purgedAt) {
    }

    /** A registration to insert. */
    record NewRegistration(UUID id, UUID eventId, SubjectId subject, byte[] emailIndex, RegistrationStatus status,
            String language, boolean crmConsent, boolean newsletter, @Nullable Integer newsletterNoticeVersion,
            @Nullable String newsletterNoticeHash, UUID receiptId, Instant at) {
    }

    private final JdbcClient jdbc;

    Events(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertEvent(UUID id, String title, Instant startsAt, String place, int capacity, Instant deadline,
            boolean askPhone, boolean askCompany, Instant at, String by) {
        jdbc.sql("""
                INSERT INTO events_event (id, title, starts_at, place, capacity, signup_deadline, ask_phone, ask_company,
                                          created_at, created_by)
                VALUES (:id, :title, :starts, :place, :capacity, :deadline, :phone, :company, :at, :by)
                """).param("id", id).param("title", title).param("starts", JdbcTime.param(startsAt))
                .param("place", place).param("capacity", capacity).param("deadline", JdbcTime.param(deadline))
                .param("phone", askPhone).param("company", askCompany).param("at", JdbcTime.param(at)).param("by", by)
                .update();
    }

    /** The event; NotFound when there is none with this id. */
    Event existing(UUID id) {
        return event(id).orElseThrow(() -> new NotFound("Event", id));
    }

    Optional<Event> event(UUID id) {
        return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM events_event e WHERE e.id = :id").param("id", id)
                .query(Events::event).optional();
    }

    List<Event> events() {
        return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM events_event e ORDER BY e.starts_at, e.id")
                .query(Events::event).list();
    }

    long countEvents() {
        return jdbc.sql("SELECT count(*) FROM events_event").query(Long.class).single();
    }

    /** Locks the event row so that seats are given out one sign-up at a time. */
    void lockEvent(UUID id) {
        jdbc.sql("SELECT id FROM events_event WHERE id = :id FOR UPDATE").param("id", id).query(UUID.class).optional();
    }

    int confirmedCount(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM events_registration WHERE event_id = :e AND status = 'CONFIRMED'")
                .param("e", eventId).query(Integer.class).single();
    }

    boolean activeWithIndex(UUID eventId, byte[] emailIndex) {
        return jdbc.sql("""
                SELECT count(*) FROM events_registration
                WHERE event_id = :e AND email_index = :i AND status <> 'CANCELLED'
                """).param("e", eventId).param("i", emailIndex).query(Integer.class).single() > 0;
    }

    void insertRegistration(NewRegistration r) {
        jdbc.sql("""
                INSERT INTO events_registration (id, event_id, subject_id, email_index, status, language, crm_consent,
                    newsletter_opt_in, newsletter_notice_version, newsletter_notice_hash, receipt_id, registered_at)
                VALUES (:id, :event, :subject, :index, :status, :language, :crm, :newsletter, :nv, :nh, :receipt, :at)
                """).param("id", r.id()).param("event", r.eventId()).param("subject", r.subject().value())
                .param("index", r.emailIndex()).param("status", r.status().name()).param("language", r.language())
                .param("crm", r.crmConsent()).param("newsletter", r.newsletter())
                .param("nv", r.newsletterNoticeVersion()).param("nh", r.newsletterNoticeHash())
                .param("receipt", r.receiptId()).param("at", JdbcTime.param(r.at())).update();
    }

    Optional<Registration> registration(UUID id) {
        return jdbc.sql("SELECT * FROM events_registration WHERE id = :id").param("id", id)
                .query(Events::registration).optional();
    }

    Optional<Registration> lockRegistration(UUID id) {
        return jdbc.sql("SELECT * FROM events_registration WHERE id = :id FOR UPDATE").param("id", id)
                .query(Events::registration).optional();
    }

    List<Registration> registrations(UUID eventId) {
        return jdbc.sql("SELECT * FROM events_registration WHERE event_id = :e ORDER BY seq").param("e", eventId)
                .query(Events::registration).list();
    }

    List<Registration> activeOfSubject(SubjectId subject) {
        return jdbc.sql("SELECT * FROM events_registration WHERE subject_id = :s AND status <> 'CANCELLED' ORDER BY seq")
                .param("s", subject.value()).query(Events::registration).list();
    }

    /** The first on the waiting list, locked. */
    Optional<Registration> firstWaiting(UUID eventId) {
        return jdbc.sql("""
                SELECT * FROM events_registration WHERE event_id = :e AND status = 'WAITING'
                ORDER BY seq LIMIT 1 FOR UPDATE
                """).param("e", eventId).query(Events::registration).optional();
    }

    void setStatus(UUID id, RegistrationStatus status, @Nullable Instant cancelledAt) {
        jdbc.sql("UPDATE events_registration SET status = :s, cancelled_at = :c WHERE id = :id")
                .param("s", status.name()).param("c", JdbcTime.param(cancelledAt)).param("id", id).update();
    }

    void checkIn(UUID id, Instant at) {
        jdbc.sql("UPDATE events_registration SET checked_in_at = :at WHERE id = :id AND checked_in_at IS NULL")
                .param("at", JdbcTime.param(at)).param("id", id).update();
    }

    /** An event that has been held, and when it started (the participants' retention clock starts then). */
    record Held(UUID id, Instant startsAt) {
    }

    /** Events that have started and whose participants' retention clocks are not recorded yet, locked. */
    List<Held> lockHeldUnclocked(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id, starts_at FROM events_event WHERE held_recorded_at IS NULL AND purged_at IS NULL AND starts_at < :now
                ORDER BY starts_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """).param("now", JdbcTime.param(now)).param("limit", limit)
                .query((rs, n) -> new Held(rs.getObject("id", UUID.class), JdbcTime.required(rs, "starts_at"))).list();
    }

    void markHeldRecorded(UUID id, Instant at) {
        jdbc.sql("UPDATE events_event SET held_recorded_at = :at WHERE id = :id").param("at", JdbcTime.param(at))
                .param("id", id).update();
    }

    /**
     * Marks the registrations of these subjects purged and then each of their events that is held, recorded and has
     * no registration left holding data; two statements for all of them (issue 28 item 8: a purge batch erases many).
     */
    void markPurgedOfAll(Collection<UUID> subjects, Instant at) {
        if (subjects.isEmpty()) {
            return;
        }
        UUID[] events = jdbc.sql("""
                UPDATE events_registration SET purged_at = :at WHERE subject_id = ANY(:s) AND purged_at IS NULL
                RETURNING event_id
                """).param("at", JdbcTime.param(at)).param("s", subjects.toArray(UUID[]::new))
                .query((rs, n) -> rs.getObject(1, UUID.class)).list().stream().distinct().sorted().toArray(UUID[]::new);
        markEventsPurgedIfEmpty(events, at);
    }

    /** Marks an event held and recorded purged once none of its registrations holds data any more. */
    void markEventPurgedIfEmpty(UUID id, Instant at) {
        markEventsPurgedIfEmpty(new UUID[] { id }, at);
    }

    /** {@link #markEventPurgedIfEmpty} for many events, in one statement (the one place of that rule). */
    private void markEventsPurgedIfEmpty(UUID[] ids, Instant at) {
        if (ids.length == 0) {
            return;
        }
        jdbc.sql("""
                UPDATE events_event e SET purged_at = :at WHERE e.id = ANY(:ids) AND e.purged_at IS NULL
                  AND e.held_recorded_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM events_registration r WHERE r.event_id = e.id AND r.purged_at IS NULL)
                """).param("at", JdbcTime.param(at)).param("ids", ids).update();
    }

    List<Registration> unpurged(UUID eventId) {
        return jdbc.sql("SELECT * FROM events_registration WHERE event_id = :e AND purged_at IS NULL ORDER BY seq")
                .param("e", eventId).query(Events::registration).list();
    }

    void markRegistrationPurged(UUID id, Instant at) {
        jdbc.sql("UPDATE events_registration SET purged_at = :at WHERE id = :id").param("at", JdbcTime.param(at))
                .param("id", id).update();
    }


    private static Event event(ResultSet rs, int row) throws SQLException {
        return new Event(rs.getObject("id", UUID.class), rs.getString("title"), JdbcTime.required(rs, "starts_at"),
                rs.getString("place"), rs.getInt("capacity"), JdbcTime.required(rs, "signup_deadline"),
                rs.getBoolean("ask_phone"), rs.getBoolean("ask_company"), rs.getInt("confirmed"), rs.getInt("waiting"),
                rs.getObject("purged_at") != null);
    }

    private static Registration registration(ResultSet rs, int row) throws SQLException {
        return new Registration(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                new SubjectId(rs.getObject("subject_id", UUID.class)), RegistrationStatus.valueOf(rs.getString("status")),
                rs.getString("language"), rs.getBoolean("crm_consent"), rs.getBoolean("newsletter_opt_in"),
                rs.getObject("receipt_id", UUID.class), JdbcTime.required(rs, "registered_at"),
                JdbcTime.instant(rs, "checked_in_at"),
                JdbcTime.instant(rs, "purged_at"));
    }
}
