package no.vern.processing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Period;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.Activity;
import no.vern.processing.Contact;
import no.vern.processing.LegalBasis;
import no.vern.processing.LocalizedText;
import no.vern.processing.NoticeText;
import no.vern.processing.PolicyText;
import no.vern.processing.PolicyText.Section;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.Recipient;
import no.vern.processing.RecordVersion;
import no.vern.processing.RecordWording;
import no.vern.processing.Retention;
import no.vern.processing.SubjectKind;
import no.vern.processing.UnknownPurpose;

/**
 * Writes the published privacy policy and the consent notices from a version of the record (S9,
 * S30), so the text people read can never drift from what the record says. Fixed wording comes
 * from {@code i18n/processing*.properties}; everything specific comes from the record.
 */
@Component
class PolicyWriter implements RecordWording {

    private final MessageSource messages;

    PolicyWriter(MessageSource messages) {
        this.messages = messages;
    }

    /** The policy of one version in one language. */
    public PolicyText policy(RecordVersion version, Locale locale) {
        ProcessingRecordDocument doc = version.document();
        Texts t = new Texts(messages, locale);
        Contact controller = doc.controller();
        Contact dpo = doc.dataProtectionOfficer();
        List<Section> sections = new ArrayList<>();

        sections.add(new Section("controller", t.m("policy.controller.heading"), List.of(
                t.m("policy.controller.text", controller.name()),
                t.m("policy.controller.subjects"),
                t.m("policy.controller.dpo", dpo.name(), dpo.email())), List.of(), List.of()));

        sections.add(new Section("principles", t.m("policy.principles.heading"),
                List.of(t.m("policy.principles.text")),
                List.of(t.m("policy.principles.1"), t.m("policy.principles.2"), t.m("policy.principles.3"),
                        t.m("policy.principles.4"), t.m("policy.principles.5"), t.m("policy.principles.6"),
                        t.m("policy.principles.7")), List.of()));

        List<Section> activities = new ArrayList<>();
        for (Activity activity : doc.activities()) {
            activities.add(activitySection(doc, activity, t));
        }
        sections.add(new Section("processing", t.m("policy.processing.heading"),
                List.of(t.m("policy.processing.text")), List.of(), activities));

        List<String> bases = new ArrayList<>();
        for (Purpose purpose : doc.purposes()) {
            bases.add(purpose.name().in(locale) + ": " + basis(purpose, t));
        }
        sections.add(new Section("legal-basis", t.m("policy.basis.heading"),
                List.of(t.m("policy.basis.text")), bases, List.of()));

        Map<String, Recipient> recipients = new LinkedHashMap<>();
        doc.activities().forEach(a -> a.recipients().forEach(r -> recipients.putIfAbsent(r.name().nb(), r)));
        List<String> recipientItems = recipients.values().stream().map(r -> recipient(r, t)).toList();
        // The promise of written agreements is only made while every processor has one (S30: no drift).
        boolean allAgreements = recipients.values().stream()
                .allMatch(r -> r.kind() != no.vern.processing.RecipientKind.PROCESSOR || r.agreementInPlace());
        sections.add(new Section("recipients", t.m("policy.recipients.heading"),
                List.of(t.m(allAgreements ? "policy.recipients.text" : "policy.recipients.textPlain")),
                recipientItems, List.of()));

        List<String> retention = new ArrayList<>();
        for (Purpose purpose : doc.purposes()) {
            retention.add(purpose.name().in(locale) + ": " + retention(purpose.retention(), t));
        }
        sections.add(new Section("retention", t.m("policy.retention.heading"),
                List.of(t.m("policy.retention.text")), retention, List.of()));

        String rightsUrl = "en".equals(locale.getLanguage()) ? PolicyText.RIGHTS_EN : PolicyText.RIGHTS_NB;
        sections.add(new Section("rights", t.m("policy.rights.heading"), List.of(t.m("policy.rights.text")),
                List.of(t.m("policy.rights.access"), t.m("policy.rights.portability"),
                        t.m("policy.rights.documentation"), t.m("policy.rights.rectification"),
                        t.m("policy.rights.erasure"), t.m("policy.rights.restriction"), t.m("policy.rights.withdraw"),
                        t.m("policy.rights.object"),
                        t.m("policy.rights.complaint", doc.companyProfile().complaintAuthority().name().in(locale))),
                List.of(new Section("rights-how", t.m("policy.rights.how.heading"),
                        List.of(t.m("policy.rights.how.text", rightsUrl, controller.email()),
                                t.m("policy.rights.how.deadline")), List.of(), List.of()))));

        sections.add(new Section("cookies", t.m("policy.cookies.heading"), List.of(t.m("policy.cookies.ip"),
                t.m("policy.cookies.what"), t.m("policy.cookies.use"), t.m("policy.cookies.statistics"),
                t.m("policy.cookies.consent"), t.m("policy.cookies.links")), List.of(), List.of()));

        List<String> measures = new ArrayList<>();
        doc.security().organisational().forEach(m -> measures.add(m.in(locale)));
        doc.security().technical().forEach(m -> measures.add(m.in(locale)));
        sections.add(new Section("security", t.m("policy.security.heading"), List.of(t.m("policy.security.text")),
                measures, List.of()));

        sections.add(new Section("breaches", t.m("policy.breach.heading"), List.of(t.m("policy.breach.text"),
                t.m("policy.breach.notify"), t.m("policy.breach.report", controller.email())), List.of(), List.of()));

        List<String> contact = new ArrayList<>();
        contact.add(t.m("policy.contact.controller") + ": " + describe(controller));
        contact.add(t.m("policy.contact.dpo") + ": " + describe(dpo));
        contact.add(t.m("policy.contact.authority", doc.companyProfile().complaintAuthority().name().in(locale),
                doc.companyProfile().complaintAuthority().website()));
        sections.add(new Section("contact", t.m("policy.contact.heading"), List.of(t.m("policy.contact.text")),
                contact, List.of()));

        String title = t.m("policy.title", controller.name());
        String footer = t.m("policy.generated", String.valueOf(version.version()), date(version, locale));
        StringBuilder text = new StringBuilder(title).append("\n\n");
        sections.forEach(s -> append(text, s, 2));
        text.append(footer).append('\n');
        String plain = text.toString();
        return new PolicyText(version.version(), version.createdAt(), locale, title, sections, plain, sha256(plain));
    }

    /** The notice shown before a person consents to one purpose (GDPR Art. 13). */
    public NoticeText notice(RecordVersion version, String purposeKey, Locale locale) {
        ProcessingRecordDocument doc = version.document();
        Purpose purpose = doc.purpose(purposeKey).orElseThrow(() -> new UnknownPurpose(purposeKey));
        Activity activity = doc.activityOf(purposeKey).orElseThrow();
        Texts t = new Texts(messages, locale);
        StringBuilder text = new StringBuilder();
        text.append(purpose.name().in(locale)).append("\n\n");
        text.append(purpose.description().in(locale)).append("\n\n");
        text.append(t.m("notice.controller", doc.controller().name(), doc.controller().email())).append('\n');
        text.append(t.m("notice.data")).append(": ").append(categories(doc, activity, t)).append('\n');
        text.append(t.m("notice.basis")).append(": ").append(basis(purpose, t)).append('\n');
        text.append(t.m("notice.retention")).append(": ").append(retention(purpose.retention(), t)).append('\n');
        if (!activity.recipients().isEmpty()) {
            text.append(t.m("notice.recipients")).append(": ")
                    .append(activity.recipients().stream().map(r -> r.name().in(locale))
                            .collect(Collectors.joining("; ")))
                    .append('\n');
        }
        if (purpose.legalBasis() == LegalBasis.CONSENT) {
            text.append(t.m("notice.withdraw", doc.controller().email())).append('\n');
        }
        text.append(t.m("notice.policy", String.valueOf(version.version()),
                "en".equals(locale.getLanguage()) ? "/privacy" : "/personvern")).append('\n');
        String plain = text.toString();
        return new NoticeText(purposeKey, version.version(), locale, plain, sha256(plain));
    }

    private Section activitySection(ProcessingRecordDocument doc, Activity activity, Texts t) {
        Locale locale = t.locale;
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(activity.description().in(locale));
        List<String> items = new ArrayList<>();
        items.add(t.m("policy.activity.subjects") + ": " + activity.subjects().stream()
                .map(s -> t.m("processing.subject." + s.name())).collect(Collectors.joining(", ")));
        items.add(t.m("policy.activity.data") + ": " + categories(doc, activity, t));
        items.add(t.m("policy.activity.source") + ": " + activity.source().in(locale));
        for (Purpose purpose : activity.purposes()) {
            String line = t.m("policy.activity.purpose") + " – " + purpose.name().in(locale) + ": "
                    + purpose.description().in(locale) + " " + t.m("policy.activity.basis") + ": "
                    + basis(purpose, t) + ".";
            if (purpose.mandatory()) {
                line += " " + t.m("policy.activity.mandatory");
            }
            items.add(line);
        }
        return new Section("activity-" + activity.id(), activity.name().in(locale), paragraphs, items, List.of());
    }

    private static String categories(ProcessingRecordDocument doc, Activity activity, Texts t) {
        return activity.dataCategories().stream()
                .map(k -> doc.dataCategory(k).map(c -> c.name().in(t.locale)).orElse(k))
                .collect(Collectors.joining(", "));
    }

    private static String basis(Purpose purpose, Texts t) {
        if (purpose.legalBasis() == null) {
            return t.m("processing.basis.missing");
        }
        String text = t.m("processing.basis." + purpose.legalBasis().name()) + " (GDPR art. "
                + purpose.legalBasis().article() + ")";
        LocalizedText note = purpose.legalBasisNote();
        if (note != null && !note.in(t.locale).isBlank()) {
            text += ". " + note.in(t.locale);
        }
        return text;
    }

    private static String recipient(Recipient r, Texts t) {
        StringBuilder s = new StringBuilder(r.name().in(t.locale)).append(" (")
                .append(t.m("processing.recipientKind." + Objects.requireNonNull(r.kind(), "validated").name())).append(')');
        if (r.thirdCountryTransfer()) {
            s.append(". ").append(t.m("policy.recipients.transfer", r.country()));
            if (r.safeguard() != null && !r.safeguard().in(t.locale).isBlank()) {
                s.append(' ').append(r.safeguard().in(t.locale));
            }
        }
        return s.toString();
    }

    @Override
    public String retention(@Nullable Retention retention, Locale locale) {
        return retention(retention, new Texts(messages, locale));
    }

    private static String retention(@Nullable Retention retention, Texts t) {
        if (retention == null || retention.description().in(t.locale).isBlank()) {
            return t.m("processing.retention.missing");
        }
        String text = retention.description().in(t.locale);
        if (retention.period() != null && !retention.period().isZero()) {
            text += " (" + t.m("processing.retention.max", period(retention.period(), t)) + ")";
        }
        return text;
    }

    /** A period in words, e.g. "5 år" or "6 months". */
    public String period(Period period, Locale locale) {
        return period(period, new Texts(messages, locale));
    }

    private static String period(Period period, Texts t) {
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

    private static String describe(Contact c) {
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
        if (c.website() != null && !c.website().isBlank()) {
            parts.add(c.website());
        }
        return String.join(", ", parts);
    }

    /** The date of a version as people write it, in the company's time zone. */
    static String date(RecordVersion version, Locale locale) {
        return PolicyText.date(version.createdAt(), locale);
    }

    private static void append(StringBuilder text, Section section, int level) {
        text.append("#".repeat(level)).append(' ').append(section.heading()).append("\n\n");
        section.paragraphs().forEach(p -> text.append(p).append("\n\n"));
        section.items().forEach(i -> text.append("- ").append(i).append('\n'));
        if (!section.items().isEmpty()) {
            text.append('\n');
        }
        section.subsections().forEach(s -> append(text, s, level + 1));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Message lookup in one language. */
    private record Texts(MessageSource messages, Locale locale) {

        String m(String key, Object... args) {
            return messages.getMessage(key, args, locale);
        }
    }

    @Override
    public String categoryNames(ProcessingRecordDocument doc, Activity activity, Locale locale) {
        return categories(doc, activity, new Texts(messages, locale));
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
