package no.vern.processing.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import no.vern.processing.Activity;
import no.vern.processing.LegalBasis;
import no.vern.processing.NoticeText;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecipientStatement;
import no.vern.processing.RecordVersion;
import no.vern.processing.UnknownPurpose;

/**
 * Writes the notice shown before a person consents to one purpose (GDPR Art. 13, S6) from a version of the record.
 * How long the data is kept is what the deleting modules enforce, in the policy's very words ({@link PolicyWriter}),
 * not the record's own retention text: the notice can never promise a period that no rule enforces.
 */
@Component
class NoticeWriter {

    private final PolicyWords words;
    private final PolicyWriter policy;

    NoticeWriter(PolicyWords words, PolicyWriter policy) {
        this.words = words;
        this.policy = policy;
    }

    /** The notice of one purpose in one language, with the SHA-256 of its exact text. */
    NoticeText notice(RecordVersion version, String purposeKey, Locale locale) {
        ProcessingRecordDocument doc = version.document();
        Purpose purpose = doc.purpose(purposeKey).orElseThrow(() -> new UnknownPurpose(purposeKey));
        Activity activity = doc.activityOf(purposeKey).orElseThrow();
        Texts t = words.texts(locale);
        StringBuilder text = new StringBuilder();
        text.append(purpose.name().in(locale)).append("\n\n");
        text.append(purpose.description().in(locale)).append("\n\n");
        text.append(t.m("notice.controller", doc.controller().name(), doc.controller().email())).append('\n');
        text.append(t.m("notice.data")).append(": ").append(PolicyWords.categories(doc, activity, t)).append('\n');
        text.append(t.m("notice.basis")).append(": ").append(Texts.sentence(PolicyWords.basis(purpose, t))).append('\n');
        PolicyWriter.Inputs inputs = policy.inputs(version, locale);
        text.append(t.m("notice.retention")).append(": ").append(PolicyWriter.retention(purpose, inputs, t))
                .append('\n');
        List<RecipientStatement> recipients = inputs.recipients(activity, locale);
        if (!recipients.isEmpty()) {
            text.append(t.m("notice.recipients")).append(": ")
                    .append(recipients.stream().map(RecipientStatement::name).collect(Collectors.joining("; ")))
                    .append('\n');
        }
        if (purpose.legalBasis() == LegalBasis.CONSENT) {
            text.append(t.m("notice.withdraw", doc.controller().email())).append('\n');
        }
        text.append(t.m("notice.policy", String.valueOf(version.version()),
                t.english() ? "/privacy" : "/personvern")).append('\n');
        String plain = text.toString();
        return new NoticeText(purposeKey, version.version(), locale, plain, PolicyWriter.sha256(plain));
    }
}
