package no.vern.processing.internal;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.Activity;
import no.vern.processing.Contact;
import no.vern.processing.LocalizedText;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecipientStatement;
import no.vern.processing.TransferStatement;
import no.vern.processing.RecordWording;
import no.vern.processing.Retention;
import no.vern.processing.SubjectKind;

/**
 * The record's values in words, one way for every text written from it (the policy, the consent notices, the
 * console pages and the Art. 30 report): legal bases, recipients, retention of the record, periods, subject kinds
 * and data categories.
 */
@Component
class PolicyWords implements RecordWording {

    private final MessageSource messages;

    PolicyWords(MessageSource messages) {
        this.messages = messages;
    }

    Texts texts(Locale locale) {
        return new Texts(messages, locale);
    }

    /** The data categories of an activity by name. */
    static String categories(ProcessingRecordDocument doc, Activity activity, Texts t) {
        return activity.dataCategories().stream()
                .map(k -> doc.dataCategory(k).map(c -> c.name().in(t.locale())).orElse(k))
                .collect(Collectors.joining(", "));
    }

    /** The legal basis with its article, then the record's note on it; no final full stop. */
    static String basis(Purpose purpose, Texts t) {
        if (purpose.legalBasis() == null) {
            return t.m("processing.basis.missing");
        }
        String text = t.m("processing.basis." + purpose.legalBasis().name()) + " (GDPR art. "
                + purpose.legalBasis().article() + ")";
        LocalizedText note = purpose.legalBasisNote();
        if (note != null && !note.in(t.locale()).isBlank()) {
            text += ". " + Texts.clause(note.in(t.locale()));
        }
        return text;
    }

    /**
     * A recipient with its kind, and each registered transfer outside the EEA with its ground (from the vendor
     * register); no final full stop.
     */
    static String recipient(RecipientStatement r, Texts t) {
        StringBuilder s = new StringBuilder(r.name()).append(" (")
                .append(t.m("processing.recipientKind." + r.kind().name())).append(')');
        for (TransferStatement transfer : r.transfers()) {
            s.append(". ").append(Texts.clause(t.m("policy.recipients.transfer", transfer.country())));
            s.append(". ").append(Texts.clause(transfer.mechanism()));
        }
        return s.toString();
    }

    /** The recipients of an activity as one sentence, or "none outside the company". */
    static String recipients(List<RecipientStatement> recipients, Texts t) {
        return recipients.isEmpty() ? t.m("policy.activity.recipients.none")
                : Texts.sentence(recipients.stream().map(r -> recipient(r, t)).collect(Collectors.joining("; ")));
    }

    /** A recipient as the Art. 30 record states it: its kind and, for a processor, whether an agreement is in force. */
    static String recordRecipient(RecipientStatement r, Texts t) {
        String s = r.name() + " – " + t.m("processing.recipientKind." + r.kind().name());
        if (r.kind().needsAgreement()) {
            s += ", " + t.m(r.agreementInPlace() ? "processing.recipient.agreementInPlace" : "processing.recipient.agreementMissing");
        }
        return s;
    }

    @Override
    public String retention(@Nullable Retention retention, Locale locale) {
        return retention(retention, texts(locale));
    }

    /** The retention the record declares for a purpose (Art. 30(1)(f)). */
    static String retention(@Nullable Retention retention, Texts t) {
        if (retention == null || retention.description().in(t.locale()).isBlank()) {
            return t.m("processing.retention.missing");
        }
        String text = Texts.clause(retention.description().in(t.locale()));
        if (retention.period() != null && !retention.period().isZero()) {
            text += " (" + t.m("processing.retention.max", period(retention.period(), t)) + ")";
        }
        return text;
    }

    /** A period in words, e.g. "5 år" or "6 months". */
    public String period(Period period, Locale locale) {
        return period(period, texts(locale));
    }

    static String period(Period period, Texts t) {
        List<String> parts = new ArrayList<>();
        if (period.getYears() != 0) {
            parts.add(t.m("processing.period.years", String.valueOf(period.getYears())));
        }
        if (period.getMonths() != 0) {
            parts.add(t.m("processing.period.months", String.valueOf(period.getMonths())));
        }
        if (period.getDays() != 0) {
            parts.add(t.m("processing.period.days", String.valueOf(period.getDays())));
        }
        return String.join(" " + t.m("processing.period.and") + " ", parts);
    }

    /** A contact's name, organisation number, address, email and phone (its website is a link, not text). */
    static String describe(Contact c) {
        List<String> parts = new ArrayList<>();
        parts.add(c.name());
        if (c.organisationNumber() != null && !c.organisationNumber().isBlank()) {
            parts.add("org.nr. " + c.organisationNumber());
        }
        if (c.address() != null && !c.address().isBlank()) {
            parts.add(c.address());
        }
        parts.add(c.email());
        if (c.phone() != null && !c.phone().isBlank()) {
            parts.add(c.phone());
        }
        return String.join(", ", parts);
    }

    @Override
    public String categoryNames(ProcessingRecordDocument doc, Activity activity, Locale locale) {
        return categories(doc, activity, texts(locale));
    }

    @Override
    public String subjectNames(Activity activity, Locale locale) {
        return activity.subjects().stream().map(s -> subjectLabel(s, locale)).collect(Collectors.joining(", "));
    }

    /** The label of a subject kind, for pages that list them. */
    public String subjectLabel(SubjectKind kind, Locale locale) {
        return messages.getMessage("processing.subject." + kind.name(), null, locale);
    }
}
