package no.vern.requests.internal;

import java.time.Instant;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.requests.Clarification;
import no.vern.requests.Deadlines;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.RequestStatus;
import no.vern.requests.Waiting;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;

/**
 * Asking the person for what the case needs, and taking up the case again when they answer: the case waits
 * for the person in between ({@link RequestStatus#WAITING_FOR_PERSON}), and the history holds the date asked
 * and the date answered. Identity questions restart the one-month period from the answer (Art. 12(6), EDPB
 * Guidelines 01/2022); a question about the scope does not stop it (recital 63).
 */
@Component
class CaseClarification {

    private final CaseFile file;
    private final Cases cases;
    private final Mailer mailer;
    private final JdbcClient jdbc;
    private final Clock clock;

    CaseClarification(CaseFile file, Cases cases, Mailer mailer, JdbcClient jdbc, Clock clock) {
        this.file = file;
        this.cases = cases;
        this.mailer = mailer;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sends the handler's question to the person in their language; the case waits for the answer. */
    void ask(RequestId id, @org.jspecify.annotations.Nullable Clarification what, String question) {
        RequestCase c = file.notYetCarriedOut(id);
        if (what == null) {
            throw new InvalidInput("what", "is required: IDENTITY or SCOPE", "error.field.choose");
        }
        if (c.status() == RequestStatus.WAITING_FOR_PERSON) {
            throw new Conflict("request-waiting", "Already waiting", "The case already waits for the person's answer.");
        }
        String text = CaseFile.substantive("question", question, 4000);
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO requests_waiting (case_id, reason, asked_at, resume_status)
                VALUES (:id, :reason, :at, :resume)""").param("id", id.value()).param("reason", what.name())
                .param("at", JdbcTime.param(now)).param("resume", c.status().name()).update();
        cases.status(id, RequestStatus.WAITING_FOR_PERSON, now);
        // The question may name the person's data: it is kept as an encrypted note, the history says only what.
        file.note(c, "Asked the person (" + what.name() + "): " + text, now);
        file.changed(c, "asked-person", what.name(), "requests.case.ask", what.name());
        Locale locale = Locale.forLanguageTag(c.language());
        mailer.send(id, file.email(c), locale, "ask." + what.name(), file.kindText(c.kind(), c.language()), text,
                CaseFile.DATE.format(c.receivedAt()));
    }

    /** The person answered: the case goes on where it was; for identity, due one month after the answer if later. */
    void answered(RequestId id) {
        RequestCase c = file.open(id);
        Pending pending = pending(id).orElseThrow(() -> new Conflict("request-not-waiting", "Not waiting",
                "The case does not wait for the person."));
        end(c, pending, "person-answered");
    }

    /**
     * The person's identity was confirmed another way (the privacy-center code, or a handler) while the case
     * waited for it: the wait ends as if answered.
     */
    void identityConfirmed(RequestCase c) {
        pending(c.id()).filter(p -> p.waiting().what() == Clarification.IDENTITY)
                .ifPresent(p -> end(c, p, "person-answered"));
    }

    /** A wait as stored: what the person was asked, and the state the case goes back to. */
    private record Pending(Waiting waiting, RequestStatus resume) {
    }

    private void end(RequestCase c, Pending pending, String action) {
        RequestId id = c.id();
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM requests_waiting WHERE case_id = :id").param("id", id.value()).update();
        if (c.status() == RequestStatus.WAITING_FOR_PERSON) {
            cases.status(id, pending.resume(), now);
        }
        Waiting waiting = pending.waiting();
        String detail = waiting.what().name();
        String newDue = "";
        if (waiting.what() == Clarification.IDENTITY) {
            Instant due = Deadlines.due(now);
            if (due.isAfter(c.dueAt())) {
                cases.due(id, due);
                detail += ", due " + due;
                newDue = due.toString();
            }
        }
        file.changed(c, action, detail, "requests.case.answered", waiting.what().name(), newDue);
    }

    Optional<Waiting> waiting(RequestId id) {
        return pending(id).map(Pending::waiting);
    }

    private Optional<Pending> pending(RequestId id) {
        return jdbc.sql("SELECT reason, asked_at, resume_status FROM requests_waiting WHERE case_id = :id")
                .param("id", id.value())
                .query((rs, i) -> new Pending(new Waiting(Clarification.valueOf(rs.getString("reason")),
                        JdbcTime.required(rs, "asked_at")), RequestStatus.valueOf(rs.getString("resume_status"))))
                .optional();
    }
}
