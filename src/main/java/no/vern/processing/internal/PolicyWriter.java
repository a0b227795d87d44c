package no.vern.processing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import no.vern.processing.Activity;
import no.vern.processing.ComplaintAuthority;
import no.vern.processing.Contact;
import no.vern.processing.LegalBasis;
import no.vern.processing.PolicyText;
import no.vern.processing.PolicyText.Link;
import no.vern.processing.PolicyText.Section;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecipientStatement;
import no.vern.processing.RecordVersion;
import no.vern.processing.RetentionStatement;
import no.vern.processing.RetentionStatements;
import no.vern.processing.SubjectKind;
import no.vern.processing.TransferRegister;
import no.vern.processing.TransferStatement;
import no.vern.processing.WebsiteFacts;
import no.vern.processing.WebsitePractice;

/**
 * Writes the published privacy policy whole (S9, S30) from a version of the record, the retention the deleting
 * modules enforce ({@link RetentionStatements}) and what the websites really do ({@link WebsiteFacts}): every
 * paragraph that says something about people's data is derived from these; fixed wording comes from
 * {@code i18n/processing*.properties} and never names a company, a period or an address.
 */
@Component
class PolicyWriter {

    /** Where the public breach report form lives, per language (S22). */
    static final String BREACH_NB = "/personvern/avvik";
    static final String BREACH_EN = "/privacy/breach";

    /**
     * What the policy is written from besides the record; part of the cache key of a rendered policy.
     *
     * @param retention the retention statements by purpose key
     * @param website what the websites do, or null when no module says (then the policy says nothing of cookies)
     * @param transfers the registered transfers outside the EU/EEA, or null when no register exists
     * @param vendors the vendor register's recipients (one source of who receives data), or null when no register
     *        exists (then only the record's own recipients are named)
     */
    record Inputs(Map<String, List<String>> retention, @Nullable WebsitePractice website,
            @Nullable List<TransferStatement> transfers, @Nullable List<RecipientStatement> vendors) {

        /** Who receives an activity's data: the vendors that name it, then the record's non-vendor recipients. */
        List<RecipientStatement> recipients(Activity activity, Locale locale) {
            return RecordRecipients.of(activity, vendors, locale);
        }
    }

    private final PolicyWords words;
    private final ObjectProvider<RetentionStatements> retention;
    private final ObjectProvider<WebsiteFacts> website;
    private final ObjectProvider<TransferRegister> transferRegister;
    private final RecordRecipients recipients;

    PolicyWriter(PolicyWords words, ObjectProvider<RetentionStatements> retention, ObjectProvider<WebsiteFacts> website,
            ObjectProvider<TransferRegister> transferRegister, RecordRecipients recipients) {
        this.words = words;
        this.recipients = recipients;
        this.transferRegister = transferRegister;
        this.retention = retention;
        this.website = website;
    }

    /** Reads what the other modules say today, for a version and language. */
    Inputs inputs(RecordVersion version, Locale locale) {
        ProcessingRecordDocument doc = version.document();
        Map<String, List<String>> statements = new LinkedHashMap<>();
        retention.orderedStream().forEach(source -> {
            for (RetentionStatement s : source.statements(doc, locale)) {
                statements.computeIfAbsent(s.purposeKey(), k -> new ArrayList<>()).add(s.text());
            }
        });
        WebsiteFacts facts = website.getIfAvailable();
        TransferRegister register = transferRegister.getIfAvailable();
        return new Inputs(Map.copyOf(statements.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())))),
                facts == null ? null : facts.practice(doc.controller().name(), locale),
                register == null ? null : List.copyOf(register.transfers(locale)), recipients.registered(locale));
    }

    /** The policy of one version in one language, from what the other modules say today. */
    PolicyText policy(RecordVersion version, Locale locale) {
        return policy(version, locale, inputs(version, locale));
    }

    /** The policy of one version in one language from the given inputs. */
    PolicyText policy(RecordVersion version, Locale locale, Inputs inputs) {
        ProcessingRecordDocument doc = version.document();
        Texts t = words.texts(locale);
        Contact controller = doc.controller();
        Contact dpo = doc.dataProtectionOfficer();
        List<Section> sections = new ArrayList<>();

        sections.add(new Section("controller", t.m("policy.controller.heading"), List.of(
                t.m("policy.controller.text", controller.name()),
                t.m("policy.controller.subjects", subjectKinds(doc, t)),
                t.m("policy.controller.dpo", dpo.name(), dpo.email())), List.of(), List.of(), null,
                website(controller)));

        sections.add(new Section("principles", t.m("policy.principles.heading"),
                List.of(t.m("policy.principles.text")),
                List.of(t.m("policy.principles.1"), t.m("policy.principles.2"), t.m("policy.principles.3"),
                        t.m("policy.principles.4"), t.m("policy.principles.5"), t.m("policy.principles.6"),
                        t.m("policy.principles.7")), List.of()));

        List<Section> activities = new ArrayList<>();
        for (Activity activity : doc.activities()) {
            activities.add(activitySection(doc, activity, inputs, t));
        }
        sections.add(new Section("processing", t.m("policy.processing.heading"),
                List.of(t.m("policy.processing.text")), List.of(), activities));

        List<String> bases = new ArrayList<>();
        for (Purpose purpose : doc.purposes()) {
            bases.add(purpose.name().in(locale) + ": " + Texts.sentence(PolicyWords.basis(purpose, t)));
        }
        boolean consent = doc.purposes().stream().anyMatch(p -> p.legalBasis() == LegalBasis.CONSENT);
        sections.add(new Section("legal-basis", t.m("policy.basis.heading"),
                List.of(t.m(consent ? "policy.basis.text" : "policy.basis.textNoConsent")), bases, List.of()));

        sections.add(recipients(doc, inputs, t));
        if (inputs.transfers() != null) {
            sections.add(transfers(inputs.transfers(), t));
        }

        List<String> kept = new ArrayList<>();
        for (Purpose purpose : doc.purposes()) {
            kept.add(purpose.name().in(locale) + ": " + retention(purpose, inputs, t));
        }
        sections.add(new Section("retention", t.m("policy.retention.heading"),
                List.of(t.m("policy.retention.text")), kept, List.of()));

        sections.add(PolicyRights.section(doc, controller, t));
        if (inputs.website() != null) {
            sections.add(PolicyWebsite.section(inputs.website(), t));
        }

        List<String> measures = new ArrayList<>();
        doc.security().organisational().forEach(m -> measures.add(m.in(locale)));
        doc.security().technical().forEach(m -> measures.add(m.in(locale)));
        sections.add(new Section("security", t.m("policy.security.heading"), List.of(t.m("policy.security.text")),
                measures, List.of()));

        sections.add(new Section("breaches", t.m("policy.breach.heading"), List.of(t.m("policy.breach.text"),
                t.m("policy.breach.notify"), t.m("policy.breach.report", controller.email())), List.of(), List.of(),
                null, List.of(new Link(t.m("policy.breach.link"), t.english() ? BREACH_EN : BREACH_NB))));

        List<String> contact = new ArrayList<>();
        contact.add(t.m("policy.contact.controller") + ": " + PolicyWords.describe(controller));
        contact.add(t.m("policy.contact.dpo") + ": " + PolicyWords.describe(dpo));
        ComplaintAuthority authority = doc.companyProfile().complaintAuthority();
        contact.add(t.m("policy.contact.authority", authority.name().in(locale)));
        List<Link> contactLinks = new ArrayList<>(website(controller));
        contactLinks.add(new Link(t.m("policy.contact.authorityLink", authority.name().in(locale)), authority.website()));
        sections.add(new Section("contact", t.m("policy.contact.heading"), List.of(t.m("policy.contact.text")),
                contact, List.of(), null, contactLinks));

        String title = t.m("policy.title", controller.name());
        String footer = t.m("policy.generated", String.valueOf(version.version()), PolicyText.date(version.createdAt(), locale));
        StringBuilder text = new StringBuilder(title).append("\n\n");
        sections.forEach(s -> PlainPolicy.append(text, s, 2));
        text.append(footer).append('\n');
        String plain = text.toString();
        return new PolicyText(version.version(), version.createdAt(), locale, title, sections, plain, sha256(plain));
    }

    private Section activitySection(ProcessingRecordDocument doc, Activity activity, Inputs inputs, Texts t) {
        Locale locale = t.locale();
        List<String> items = new ArrayList<>();
        items.add(t.m("policy.activity.subjects") + ": " + activity.subjects().stream()
                .map(s -> t.m("processing.subject." + s.name())).collect(Collectors.joining(", ")));
        items.add(t.m("policy.activity.data") + ": " + PolicyWords.categories(doc, activity, t));
        items.add(t.m("policy.activity.source") + ": " + Texts.sentence(activity.source().in(locale)));
        for (Purpose purpose : activity.purposes()) {
            String line = t.m("policy.activity.purpose") + " – " + purpose.name().in(locale) + ": "
                    + Texts.sentence(purpose.description().in(locale)) + " " + t.m("policy.activity.basis") + ": "
                    + Texts.sentence(PolicyWords.basis(purpose, t));
            line += " " + t.m(purpose.mandatory() ? "policy.activity.mandatory" : "policy.activity.voluntary");
            if (purpose.legalBasis() == LegalBasis.CONSENT) {
                line += " " + t.m("policy.activity.withdraw");
            } else if (purpose.legalBasis() == LegalBasis.LEGITIMATE_INTEREST) {
                line += " " + t.m("policy.activity.object");
            }
            items.add(line);
            items.add(t.m("policy.activity.retention") + " – " + purpose.name().in(locale) + ": "
                    + retention(purpose, inputs, t));
        }
        items.add(t.m("policy.activity.recipients") + ": " + PolicyWords.recipients(inputs.recipients(activity, locale), t));
        items.add(t.m("policy.activity.transfers") + ": " + activityTransfers(activity, inputs, t));
        items.add(t.m("policy.activity.automated"));
        return new Section("activity-" + activity.id(), activity.name().in(locale),
                List.of(activity.description().in(locale)), items, List.of());
    }

    /** Art. 13(1)(f): where an activity's data goes outside the EU/EEA; from the transfer register when there is one. */
    private static String activityTransfers(Activity activity, Inputs inputs, Texts t) {
        List<String> lines = inputs.transfers() == null ? List.of()
                : inputs.transfers().stream().filter(s -> s.activities().contains(activity.id()))
                        .map(s -> s.recipient() + " (" + s.country() + ")").toList();
        return lines.isEmpty() ? t.m("policy.activity.transfers.none") : Texts.sentence(String.join("; ", lines));
    }

    /** Art. 13(1)(f), Art. 14(1)(f): exactly the transfers of the register, each with its ground. */
    private static Section transfers(List<TransferStatement> transfers, Texts t) {
        List<String> items = transfers.stream().map(s -> Texts.sentence(
                t.m("policy.transfers.item", s.recipient(), s.country(), s.mechanism()))).toList();
        return new Section("transfers", t.m("policy.transfers.heading"),
                List.of(t.m(transfers.isEmpty() ? "policy.transfers.none" : "policy.transfers.text")), items, List.of());
    }

    /** What the deleting modules say for a purpose, as one sentence; "not set" when none says anything. */
    static String retention(Purpose purpose, Inputs inputs, Texts t) {
        List<String> statements = inputs.retention().getOrDefault(purpose.key(), List.of());
        if (statements.isEmpty()) {
            return Texts.sentence(t.m("processing.retention.missing"));
        }
        return statements.stream().map(Texts::sentence).collect(Collectors.joining(" "));
    }

    private static Section recipients(ProcessingRecordDocument doc, Inputs inputs, Texts t) {
        List<RecipientStatement> recipients = RecordRecipients.all(doc, inputs.vendors(), t.locale());
        List<String> items = recipients.stream().map(r -> Texts.sentence(PolicyWords.recipient(r, t))).toList();
        // The promise of written agreements is only made while every processor has one in force (S30: no drift).
        boolean allAgreements = recipients.stream().noneMatch(RecipientStatement::missingAgreement);
        return new Section("recipients", t.m("policy.recipients.heading"),
                List.of(t.m(allAgreements ? "policy.recipients.text" : "policy.recipients.textPlain")), items, List.of());
    }

    /** The kinds of people of the record, in the order the activities name them. */
    private static String subjectKinds(ProcessingRecordDocument doc, Texts t) {
        Set<SubjectKind> kinds = new LinkedHashSet<>();
        doc.activities().forEach(a -> kinds.addAll(a.subjects()));
        return kinds.stream().map(k -> t.m("processing.subject." + k.name()).toLowerCase(t.locale()))
                .collect(Collectors.joining(", "));
    }

    private static List<Link> website(Contact controller) {
        String site = controller.website();
        return site == null || site.isBlank() ? List.of() : List.of(new Link(site.replaceFirst("^https?://", ""), site));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
