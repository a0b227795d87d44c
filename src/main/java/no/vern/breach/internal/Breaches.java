package no.vern.breach.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.breach.AuthorityNotification;
import no.vern.breach.Breach;
import no.vern.breach.BreachFacts;
import no.vern.breach.BreachId;
import no.vern.breach.Channel;
import no.vern.breach.Decision;
import no.vern.breach.NewBreach;
import no.vern.breach.NotificationPhase;
import no.vern.breach.RiskLevel;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;

/** The breach rows with their notifications and decisions. */
@Repository
class Breaches {

    /** The category (associated data) of the reporter's encrypted contact. */
    private static final String CONTACT = "breach-reporter-contact";

    private final JdbcClient jdbc;
    private final SubjectCipher cipher;
    private final CryptoShredder shredder;

    Breaches(JdbcClient jdbc, SubjectCipher cipher, CryptoShredder shredder) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.shredder = shredder;
    }

    /** The next receipt number of the year, e.g. {@code AVVIK-2026-0042}. */
    String nextReceipt(Instant now) {
        int year = ZonedDateTime.ofInstant(now, VernClock.ZONE).getYear();
        Integer n = jdbc.sql("""
                INSERT INTO breach_receipt_counter (year, last) VALUES (:year, 1)
                ON CONFLICT (year) DO UPDATE SET last = breach_receipt_counter.last + 1
                RETURNING last""").param("year", year).query(Integer.class).single();
        return "AVVIK-%d-%04d".formatted(year, n);
    }

    void insert(BreachId id, String receipt, NewBreach report, String reportedBy, Instant now) {
        jdbc.sql("""
                INSERT INTO breach (id, receipt, title, channel, reported_by, reported_at, discovered_at, aware_at,
                                    notify_authority_by, what_happened, reporter_contact_ct)
                VALUES (:id, :receipt, :title, :channel, :reportedBy, :now, :discoveredAt, :awareAt,
                        :deadline, :whatHappened, :contact)""")
                .param("id", id.value()).param("receipt", receipt).param("title", report.title())
                .param("channel", report.channel().name()).param("reportedBy", reportedBy)
                .param("now", JdbcTime.param(now)).param("discoveredAt", JdbcTime.param(report.discoveredAt()))
                .param("awareAt", JdbcTime.param(report.awareAt()))
                .param("deadline", JdbcTime.param(Breach.deadlineFor(report.awareAt())))
                .param("whatHappened", report.whatHappened())
                .param("contact", report.reporterContact() == null ? null
                        : cipher.encryptText(reporterKey(id), CONTACT, id.value(), report.reporterContact()))
                .update();
    }

    /** Locks the row for a change, so timeline sequence numbers and checks see one writer at a time. */
    boolean lock(BreachId id) {
        return jdbc.sql("SELECT id FROM breach WHERE id = :id FOR UPDATE").param("id", id.value())
                .query(UUID.class).optional().isPresent();
    }

    Optional<Breach> find(BreachId id) {
        return jdbc.sql("SELECT b.*, " + COUNT + " FROM breach b WHERE b.id = :id").param("id", id.value())
                .query(this::map).optional();
    }

    List<Breach> all() {
        return jdbc.sql("SELECT b.*, " + COUNT + " FROM breach b ORDER BY b.reported_at DESC").query(this::map).list();
    }

    List<Breach> reportedBy(String actor) {
        return jdbc.sql("SELECT b.*, " + COUNT + " FROM breach b WHERE b.reported_by = :actor ORDER BY b.reported_at DESC")
                .param("actor", actor).query(this::map).list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM breach").query(Long.class).single();
    }

    void updateFacts(BreachId id, BreachFacts f) {
        jdbc.sql("""
                UPDATE breach SET what_happened = :what, how_it_arose = :how, main_cause = :cause,
                       period_from = :pf, period_to = :pt, data_categories = :cats, subject_relation = :rel,
                       approx_subjects = :subjects, approx_records = :records, data_location = :location,
                       consequences = :consequences, measures_taken = :taken, measures_planned = :planned,
                       delay_reasons = :delay
                WHERE id = :id""")
                .param("what", f.whatHappened()).param("how", f.howItArose()).param("cause", f.mainCause())
                .param("pf", JdbcTime.param(f.periodFrom())).param("pt", JdbcTime.param(f.periodTo()))
                .param("cats", String.join(",", f.dataCategories())).param("rel", String.join(",", f.subjectRelation()))
                .param("subjects", f.approxSubjects()).param("records", f.approxRecords())
                .param("location", f.dataLocation()).param("consequences", f.consequences())
                .param("taken", f.measuresTaken()).param("planned", f.measuresPlanned()).param("delay", f.delayReasons())
                .param("id", id.value())
                .update();
    }

    /** The register's estimate for the chosen activities, kept beside (never in place of) the officer's numbers. */
    void updateEstimate(BreachId id, @Nullable Long subjects, @Nullable Long records) {
        jdbc.sql("UPDATE breach SET estimated_subjects = :s, estimated_records = :r WHERE id = :id")
                .param("s", subjects).param("r", records).param("id", id.value()).update();
    }

    void updateActivities(BreachId id, List<String> activities) {
        jdbc.sql("UPDATE breach SET activities = :a WHERE id = :id").param("a", String.join(",", activities))
                .param("id", id.value()).update();
    }

    void assess(BreachId id, RiskLevel risk, String reasoning, String by, Instant at) {
        jdbc.sql("""
                UPDATE breach SET risk = :risk, risk_reasoning = :reasoning, assessed_by = :by, assessed_at = :at
                WHERE id = :id""").param("risk", risk.name()).param("reasoning", reasoning).param("by", by)
                .param("at", JdbcTime.param(at)).param("id", id.value()).update();
    }

    void noticeDecision(BreachId id, String decision, String reasoning, String publicNotice) {
        jdbc.sql("""
                UPDATE breach SET notice_decision = :d, notice_reasoning = :r, public_notice = :p WHERE id = :id""")
                .param("d", decision).param("r", reasoning).param("p", publicNotice).param("id", id.value()).update();
    }

    void close(BreachId id, String by, Instant at) {
        // The reporter's contact was kept for follow-up questions only: erased when the case closes.
        jdbc.sql("UPDATE breach SET closed_at = :at, closed_by = :by, reporter_contact = NULL,"
                + " reporter_contact_ct = NULL WHERE id = :id")
                .param("at", JdbcTime.param(at)).param("by", by).param("id", id.value()).update();
        // Its key is destroyed too, so every backup copy of the ciphertext is unreadable.
        shredder.shred(reporterKey(id));
    }

    void addNotification(BreachId id, NotificationPhase phase, Instant sentAt, String reference, String delayReason,
            String by, Instant now) {
        jdbc.sql("""
                INSERT INTO breach_authority_notification (id, breach_id, phase, sent_at, reference, delay_reason,
                                                           recorded_by, recorded_at)
                VALUES (:nid, :id, :phase, :sentAt, :reference, :delay, :by, :now)""")
                .param("nid", UUID.randomUUID()).param("id", id.value()).param("phase", phase.name())
                .param("sentAt", JdbcTime.param(sentAt)).param("reference", reference).param("delay", delayReason)
                .param("by", by).param("now", JdbcTime.param(now)).update();
    }

    void addDecision(BreachId id, String text, String by, Instant now) {
        jdbc.sql("""
                INSERT INTO breach_decision (id, breach_id, decided_at, decided_by, decision)
                VALUES (:did, :id, :now, :by, :text)""").param("did", UUID.randomUUID()).param("id", id.value())
                .param("now", JdbcTime.param(now)).param("by", by).param("text", text).update();
    }

    private static final String COUNT = "(SELECT count(*) FROM breach_affected_subject s WHERE s.breach_id = b.id) AS affected";

    private Breach map(ResultSet rs, int row) throws SQLException {
        BreachId id = new BreachId(rs.getObject("id", UUID.class));
        Instant deadline = JdbcTime.required(rs, "notify_authority_by");
        BreachFacts facts = new BreachFacts(rs.getString("what_happened"), rs.getString("how_it_arose"),
                rs.getString("main_cause"), JdbcTime.instant(rs, "period_from"), JdbcTime.instant(rs, "period_to"),
                split(rs.getString("data_categories")), split(rs.getString("subject_relation")),
                (Long) rs.getObject("approx_subjects"), (Long) rs.getObject("approx_records"),
                rs.getString("data_location"), rs.getString("consequences"), rs.getString("measures_taken"),
                rs.getString("measures_planned"), rs.getString("delay_reasons"));
        String risk = rs.getString("risk");
        List<AuthorityNotification> notifications = jdbc.sql("""
                SELECT phase, sent_at, reference, delay_reason, recorded_by FROM breach_authority_notification
                WHERE breach_id = :id ORDER BY sent_at, recorded_at""").param("id", id.value())
                .query((r, i) -> {
                    Instant sentAt = JdbcTime.required(r, "sent_at");
                    return new AuthorityNotification(NotificationPhase.valueOf(r.getString("phase")), sentAt,
                            r.getString("reference"), r.getString("delay_reason"), r.getString("recorded_by"),
                            sentAt.isAfter(deadline));
                }).list();
        List<Decision> decisions = jdbc.sql("""
                SELECT decided_at, decided_by, decision FROM breach_decision WHERE breach_id = :id
                ORDER BY decided_at, id""").param("id", id.value())
                .query((r, i) -> new Decision(JdbcTime.required(r, "decided_at"), r.getString("decided_by"),
                        r.getString("decision"))).list();
        return new Breach(id, rs.getString("receipt"), rs.getString("title"), Channel.valueOf(rs.getString("channel")),
                rs.getString("reported_by"), JdbcTime.required(rs, "reported_at"), JdbcTime.instant(rs, "discovered_at"),
                JdbcTime.required(rs, "aware_at"), deadline, facts, split(rs.getString("activities")),
                risk == null ? null : RiskLevel.valueOf(risk), rs.getString("risk_reasoning"),
                rs.getString("assessed_by"), JdbcTime.instant(rs, "assessed_at"), rs.getString("notice_decision"),
                rs.getString("notice_reasoning"), rs.getString("public_notice"), contact(id, rs),
                JdbcTime.instant(rs, "closed_at"), rs.getString("closed_by"), notifications, decisions,
                rs.getInt("affected"), (Long) rs.getObject("estimated_subjects"),
                (Long) rs.getObject("estimated_records"));
    }

    /** The key the reporter's contact is encrypted under: the breach id stands for the reporter. */
    private static SubjectId reporterKey(BreachId id) {
        return new SubjectId(id.value());
    }

    private @Nullable String contact(BreachId id, ResultSet rs) throws SQLException {
        byte[] ciphertext = rs.getBytes("reporter_contact_ct");
        if (ciphertext == null) {
            return rs.getString("reporter_contact"); // reported before contacts were encrypted
        }
        try {
            return cipher.decryptText(reporterKey(id), CONTACT, id.value(), ciphertext);
        } catch (SubjectKeyDestroyed e) {
            return null;
        }
    }

    private static List<String> split(@Nullable String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.stream(joined.split(",")).toList();
    }
}
