package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.RequestStatus;
import no.vern.requests.SystemStep;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The answer to an erasure, rectification or restriction, held until everything it reports has settled (GDPR
 * Art. 19, issue 20 item 4): the effect is carried out at once, but the person is told, and the case completes,
 * only when every recipient's task and every connected system's step is settled; the answer then says what was
 * done for each. The address and text wait encrypted under a key of their own (an erasure may already have
 * destroyed the subject's key), shredded once the answer is sent. A handler's settling finishes at once; the job
 * {@code requests-answers} finishes cases whose systems settled later, every minute, once across nodes.
 */
@Component
class HeldAnswers {

    static final Actor JOB = Actor.system("requests-answers");
    private static final String MAIL_CATEGORY = "held-answer";

    private final JdbcClient jdbc;
    private final Cases cases;
    private final CaseFile file;
    private final RecipientNotices notices;
    private final SystemFanOut systems;
    private final ErasureCertification certification;
    private final SubjectCipher cipher;
    private final CryptoShredder shredder;
    private final Mailer mailer;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HeldAnswers(JdbcClient jdbc, Cases cases, CaseFile file, RecipientNotices notices, SystemFanOut systems,
            ErasureCertification certification, SubjectCipher cipher, CryptoShredder shredder, Mailer mailer,
            TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.file = file;
        this.notices = notices;
        this.systems = systems;
        this.certification = certification;
        this.cipher = cipher;
        this.shredder = shredder;
        this.mailer = mailer;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The effect's result, for the answer: what was done ({@code effect}), the handler's own words, and the
     * certificate text when one was issued at once, or whether one waits for the systems' steps.
     */
    record Outcome(String effect, @Nullable String answer, @Nullable String certificate, boolean certificatePending) {
    }

    /** Whether nothing the answer reports is still open: no recipient task and no system step. */
    boolean settled(RequestId id) {
        return notices.openCount(id) == 0 && openSteps(id) == 0;
    }

    int openSteps(RequestId id) {
        return (int) systems.steps(id).stream().filter(s -> !s.state().settled()).count();
    }

    /** Holds the answer until the tasks and steps settle; the case waits as {@code INFORMING_RECIPIENTS}. */
    void hold(RequestCase c, String email, Outcome outcome) {
        SubjectId key = SubjectId.random();
        UUID record = c.id().value();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO requests_held_answer (case_id, language, mail_key, email_ct, effect_ct, answer_ct, certificate,
                                                  certificate_pending, created_at)
                VALUES (:case, :language, :key, :email, :effect, :answer, :certificate, :pending, :now)""")
                .param("case", record).param("language", c.language()).param("key", key.value())
                .param("email", cipher.encryptText(key, MAIL_CATEGORY, record, email))
                .param("effect", cipher.encryptText(key, MAIL_CATEGORY, record, outcome.effect()))
                .param("answer", outcome.answer() == null ? null : cipher.encryptText(key, MAIL_CATEGORY, record, outcome.answer()))
                .param("certificate", outcome.certificate()).param("pending", outcome.certificatePending())
                .param("now", JdbcTime.param(now)).update();
        cases.status(c.id(), RequestStatus.INFORMING_RECIPIENTS, now);
        cases.event(c.id(), now, RequestService.actor().reference(), "answer-held",
                notices.openCount(c.id()) + " recipient(s) to tell, " + openSteps(c.id()) + " system step(s) open",
                List.of(String.valueOf(notices.openCount(c.id())), String.valueOf(openSteps(c.id()))));
    }

    /** Whether the case's answer is held. */
    boolean holding(RequestId id) {
        return jdbc.sql("SELECT count(*) FROM requests_held_answer WHERE case_id = :c").param("c", id.value())
                .query(Long.class).single() > 0;
    }

    /** Sends the held answer and completes the case if everything has settled; true if it did. */
    boolean finishIfSettled(RequestId id) {
        Optional<Held> held = jdbc.sql("""
                SELECT language, mail_key, email_ct, effect_ct, answer_ct, certificate, certificate_pending
                  FROM requests_held_answer WHERE case_id = :c FOR UPDATE SKIP LOCKED""").param("c", id.value())
                .query((rs, n) -> new Held(new SubjectId(rs.getObject("mail_key", UUID.class)), rs.getBytes("email_ct"),
                        rs.getBytes("effect_ct"), rs.getBytes("answer_ct"), rs.getString("certificate"),
                        rs.getBoolean("certificate_pending")))
                .optional();
        if (held.isEmpty() || !settled(id)) {
            return false;
        }
        Held h = held.get();
        RequestCase c = cases.lock(id).orElseThrow();
        if (c.closed()) {
            return false;
        }
        UUID record = id.value();
        String email = cipher.decryptText(h.key(), MAIL_CATEGORY, record, h.emailCt());
        String effect = cipher.decryptText(h.key(), MAIL_CATEGORY, record, h.effectCt());
        String answer = h.answerCt() == null ? null : cipher.decryptText(h.key(), MAIL_CATEGORY, record, h.answerCt());
        send(c, email, new Outcome(effect, answer, h.certificate(), h.certificatePending()));
        jdbc.sql("DELETE FROM requests_held_answer WHERE case_id = :c").param("c", record).update();
        shredder.shred(h.key());
        return true;
    }

    /** The job: every held answer whose tasks and steps have settled is sent, one transaction per case. */
    int finishDue() {
        List<UUID> held = jdbc.sql("SELECT case_id FROM requests_held_answer ORDER BY created_at LIMIT 500")
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        int finished = 0;
        for (UUID id : held) {
            Boolean done = transactions.execute(tx -> Actors.runAs(JOB, () -> finishIfSettled(new RequestId(id))));
            finished += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return finished;
    }

    /** Completes the case now: the answer is written from the settled tasks and steps and sent. */
    void send(RequestCase c, String email, Outcome outcome) {
        Locale locale = Locale.forLanguageTag(c.language());
        List<SystemStep> steps = systems.steps(c.id());
        String certificate = outcome.certificate() != null ? "\n\n" + outcome.certificate()
                : outcome.certificatePending() ? certification.paragraphNow(c.id(), locale) : "";
        String message = outcome.effect() + notices.paragraph(c.id(), c.language(), steps) + certificate
                + (outcome.answer() == null ? "" : "\n\n" + outcome.answer());
        cases.status(c.id(), RequestStatus.COMPLETED, clock.instant());
        file.completed(c);
        mailer.send(c.id(), email, locale, "completed", file.kindText(c.kind(), c.language()), message.strip());
    }

    private record Held(SubjectId key, byte[] emailCt, byte[] effectCt, byte @Nullable [] answerCt,
            @Nullable String certificate, boolean certificatePending) {
    }
}
