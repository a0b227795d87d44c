package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.RecipientStatement;
import no.vern.processing.Recipients;
import no.vern.requests.NoticeState;
import no.vern.requests.Operation;
import no.vern.requests.RecipientNotice;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.StepState;
import no.vern.requests.SystemStep;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;
import no.vern.shared.NotFound;

/**
 * GDPR Art. 19 as a task list: every recipient (from the record of processing) of the purposes an erasure,
 * rectification or restriction affected becomes a task of the case, settled by the handler as told, or as not told
 * because it proved impossible or would involve disproportionate effort (with the reason, the article's two
 * exceptions). Connected systems are told through their own erasure steps. The person's paragraph about recipients
 * is written from the settled tasks and steps only: "told" where it was done, "not told because …" where it was not.
 */
@Component
class RecipientNotices {

    private final JdbcClient jdbc;
    private final ProcessingRecord record;
    private final Cases cases;
    private final Mailer mailer;
    private final Clock clock;

    private final Recipients recipientsOf;

    RecipientNotices(JdbcClient jdbc, ProcessingRecord record, Cases cases, Mailer mailer, Clock clock,
            Recipients recipientsOf) {
        this.recipientsOf = recipientsOf;
        this.jdbc = jdbc;
        this.record = record;
        this.cases = cases;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Opens a task for each recipient of the affected purposes (once per recipient and case); returns how many. */
    int open(RequestCase c, Set<String> purposeKeys) {
        // Art. 19: every recipient of the affected activities, from one source (the vendor register's companies and
        // the record's other recipients); name in Norwegian -> name in English.
        Map<String, String> recipients = new LinkedHashMap<>();
        ProcessingRecordDocument doc = record.current().document();
        for (Activity activity : doc.activities()) {
            if (activity.purposes().stream().anyMatch(p -> purposeKeys.contains(p.key()))) {
                List<RecipientStatement> nb = recipientsOf.of(doc, activity, Locale.forLanguageTag("nb"));
                List<RecipientStatement> en = recipientsOf.of(doc, activity, Locale.ENGLISH);
                for (int i = 0; i < nb.size(); i++) {
                    recipients.putIfAbsent(nb.get(i).name(), i < en.size() ? en.get(i).name() : nb.get(i).name());
                }
            }
        }
        if (recipients.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int position = jdbc.sql("SELECT count(*) FROM requests_recipient_notice WHERE case_id = :c")
                .param("c", c.id().value()).query(Integer.class).single();
        int opened = 0;
        for (Map.Entry<String, String> r : recipients.entrySet()) {
            opened += jdbc.sql("""
                    INSERT INTO requests_recipient_notice (id, case_id, position, name_nb, name_en, state, created_at)
                    VALUES (:id, :case, :position, :nb, :en, 'OPEN', :now) ON CONFLICT (case_id, name_nb) DO NOTHING""")
                    .param("id", UUID.randomUUID()).param("case", c.id().value()).param("position", position + opened)
                    .param("nb", r.getKey()).param("en", r.getValue())
                    .param("now", JdbcTime.param(now)).update();
        }
        if (opened > 0) {
            cases.event(c.id(), now, RequestService.actor().reference(), "recipients-to-inform",
                    opened + " recipient(s) (GDPR Art. 19)", List.of(String.valueOf(opened)));
        }
        return opened;
    }

    /** The case's tasks in the order they were opened. */
    List<RecipientNotice> of(RequestId id) {
        return jdbc.sql("""
                SELECT id, case_id, name_nb, name_en, state, reason, settled_at, settled_by
                  FROM requests_recipient_notice WHERE case_id = :c ORDER BY position""")
                .param("c", id.value())
                .query((rs, n) -> new RecipientNotice(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                        rs.getString("name_nb"), rs.getString("name_en"), NoticeState.valueOf(rs.getString("state")),
                        rs.getString("reason"), JdbcTime.instant(rs, "settled_at"), rs.getString("settled_by")))
                .list();
    }

    /** How many of the case's tasks are still open. */
    int openCount(RequestId id) {
        return jdbc.sql("SELECT count(*) FROM requests_recipient_notice WHERE case_id = :c AND state = 'OPEN'")
                .param("c", id.value()).query(Integer.class).single();
    }

    /**
     * Settles an open task: told (an optional note on how), or not told under one of Art. 19's exceptions, which
     * needs the reason in words (the person is given it).
     */
    RecipientNotice settle(RequestCase c, UUID noticeId, @Nullable NoticeState outcome, @Nullable String reason) {
        if (outcome == null || outcome == NoticeState.OPEN) {
            throw new InvalidInput("outcome", "is required: TOLD, IMPOSSIBLE or DISPROPORTIONATE", "error.field.choose");
        }
        String why = outcome == NoticeState.TOLD
                ? (reason == null || reason.isBlank() ? null : CaseFile.required("reason", reason, 2000))
                : CaseFile.substantive("reason", reason, 2000);
        RecipientNotice notice = of(c.id()).stream().filter(n -> n.id().equals(noticeId)).findFirst()
                .orElseThrow(() -> new NotFound("Recipient notice", noticeId));
        if (notice.state().settled()) {
            throw new InvalidInput("outcome", "this recipient's task is already settled", "requests.error.recipientSettled");
        }
        Instant now = clock.instant();
        String actor = RequestService.actor().reference();
        jdbc.sql("""
                UPDATE requests_recipient_notice SET state = :state, reason = :reason, settled_at = :now, settled_by = :by
                 WHERE id = :id AND state = 'OPEN'""")
                .param("state", outcome.name()).param("reason", why).param("now", JdbcTime.param(now))
                .param("by", actor).param("id", noticeId).update();
        return new RecipientNotice(notice.id(), notice.caseId(), notice.nameNb(), notice.nameEn(), outcome, why, now, actor);
    }

    /**
     * The paragraph for the person about recipients, from the settled tasks and the connected systems' erasure
     * steps (empty when there were none); never claims a recipient was told unless its task says so.
     */
    String paragraph(RequestId id, String language, List<SystemStep> steps) {
        Locale locale = Locale.forLanguageTag(language);
        List<String> told = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (RecipientNotice n : of(id)) {
            switch (n.state()) {
                case TOLD -> told.add(n.name(language));
                case IMPOSSIBLE, DISPROPORTIONATE -> lines.add(mailer.text("requests.recipients.notTold." + n.state().name(),
                        locale, n.name(language), String.valueOf(n.reason())));
                case OPEN -> lines.add(mailer.text("requests.recipients.open", locale, n.name(language)));
            }
        }
        List<String> erasedIn = new ArrayList<>();
        for (SystemStep s : steps) {
            if (s.operation() != Operation.ERASE) {
                continue;
            }
            if (s.state() == StepState.DONE) {
                erasedIn.add(s.system());
            } else if (s.state() == StepState.WAIVED) {
                String why = s.detail() == null ? "" : s.detail().startsWith("waived: ") ? s.detail().substring(8) : s.detail();
                lines.add(mailer.text("requests.recipients.systemWaived", locale, s.system(), why));
            } else {
                lines.add(mailer.text("requests.recipients.systemOpen", locale, s.system()));
            }
        }
        StringBuilder text = new StringBuilder();
        if (!told.isEmpty()) {
            text.append(mailer.text("requests.recipients.told", locale, String.join(", ", told)));
        }
        if (!erasedIn.isEmpty()) {
            text.append(text.isEmpty() ? "" : "\n").append(mailer.text("requests.recipients.systemsDone", locale,
                    String.join(", ", erasedIn)));
        }
        for (String line : lines) {
            text.append(text.isEmpty() ? "" : "\n").append(line);
        }
        return text.isEmpty() ? "" : "\n\n" + text;
    }
}
