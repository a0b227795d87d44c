package no.vern.breach.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import no.vern.breach.AffectedSubject;
import no.vern.breach.AuthorityNotification;
import no.vern.breach.Breach;
import no.vern.breach.BreachDocuments;
import no.vern.breach.BreachRegister;
import no.vern.breach.NotificationPhase;
import no.vern.processing.Contact;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.shared.PdfRenderer;
import no.vern.shared.TimeFormat;

/**
 * The documents made from a breach: the Datatilsynet notification draft with exactly the fields
 * of the authority's breach form (HTML, PDF, plain text to paste), and the one-page management
 * report (S21) as HTML and PDF.
 */
@Component
class BreachDocumentWriter implements BreachDocuments {

    /** Template of the draft. */
    static final String DRAFT_TEMPLATE = "breach/draft";
    /** Template of the management report. */
    static final String REPORT_TEMPLATE = "breach/management";
    private static final String CSS = "static/css/breach-report.css";

    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final ProcessingRecord record;
    private final BreachRegister register;
    private final TimeFormat time;
    private final Clock clock;
    private final no.vern.shared.Labels labels;

    BreachDocumentWriter(ITemplateEngine templates, MessageSource messages, ProcessingRecord record,
            BreachRegister register, TimeFormat time, Clock clock, no.vern.shared.Labels labels) {
        this.labels = labels;
        this.templates = templates;
        this.messages = messages;
        this.record = record;
        this.register = register;
        this.time = time;
        this.clock = clock;
    }

    /** The draft's fields, each with its label in the given language. */
    @Override
    public List<Field> draftFields(Breach b, Locale locale) {
        ProcessingRecordDocument doc = record.current().document();
        Map<String, String> values = new HashMap<>();
        String unknown = msg("breach.unknown", locale);
        values.put("mainCause", or(b.facts().mainCause(), unknown));
        values.put("period", b.facts().periodFrom() == null && b.facts().periodTo() == null ? unknown
                : time.local(b.facts().periodFrom()) + " – " + time.local(b.facts().periodTo()));
        String unknownInline = msg("breach.unknown.inline", locale);
        values.put("discovered", msg("breach.draft.discoveredValue", locale,
                b.discoveredAt() == null ? unknownInline : time.local(b.discoveredAt()), time.local(b.awareAt())));
        values.put("controller", controller(doc.controller(), locale));
        if (late(b)) {
            values.put("delayReasons", delayReasons(b, locale));
        }
        values.put("numberAffected", numbers(b, locale));
        values.put("whatHappened", or(b.facts().whatHappened(), unknown));
        values.put("howItArose", or(b.facts().howItArose(), unknown));
        values.put("dataTypes", b.facts().dataCategories().isEmpty() ? unknown
                : b.facts().dataCategories().stream()
                        .map(k -> doc.dataCategory(k).map(c -> c.name().in(locale)).orElse(k))
                        .collect(Collectors.joining(", ")));
        values.put("relation", b.facts().subjectRelation().isEmpty() ? unknown
                : b.facts().subjectRelation().stream()
                        .map(k -> messages.getMessage("processing.subject." + k, null, k, locale))
                        .collect(Collectors.joining(", ")));
        values.put("dataLocation", or(b.facts().dataLocation(), unknown));
        values.put("consequences", or(b.facts().consequences(), unknown));
        values.put("measures", msg("breach.draft.measuresValue", locale, or(b.facts().measuresTaken(), unknown),
                or(b.facts().measuresPlanned(), unknown)));
        values.put("subjectsInformed", informed(b, locale));
        Contact dpo = doc.dataProtectionOfficer();
        values.put("contact", msg("breach.draft.contactValue", locale, dpo.name(), dpo.email(),
                or(dpo.phone(), msg("breach.draft.missing.phone", locale))));
        List<Field> fields = new ArrayList<>();
        for (String key : DRAFT_FIELDS) {
            if (key.equals("delayReasons") && !values.containsKey(key)) {
                continue;
            }
            fields.add(new Field(key, msg("breach.draft.field." + key, locale), Objects.requireNonNull(values.get(key), key)));
        }
        return fields;
    }

    /** The controller as the authority's form asks for it: name, organisation number and address (Art. 33(3)(b)). */
    private String controller(Contact controller, Locale locale) {
        return msg("breach.draft.controllerValue", locale, controller.name(),
                or(controller.organisationNumber(), msg("breach.draft.missing.organisationNumber", locale)),
                or(controller.address(), msg("breach.draft.missing.address", locale)));
    }

    /**
     * Whether the notification is after the 72-hour deadline (Art. 33(1)): the recorded initial notification's
     * own verdict, or, before it is sent, whether the deadline has passed now.
     */
    private boolean late(Breach b) {
        return b.notifications().stream().filter(n -> n.phase() == NotificationPhase.INITIAL).findFirst()
                .map(AuthorityNotification::late).orElseGet(() -> clock.instant().isAfter(b.notifyAuthorityBy()));
    }

    /** Art. 33(1): the reasons recorded with the late notification, else those written into the facts, else missing. */
    private String delayReasons(Breach b, Locale locale) {
        String recorded = b.notifications().stream().filter(n -> n.phase() == NotificationPhase.INITIAL)
                .map(AuthorityNotification::delayReason).filter(r -> r != null && !r.isBlank()).findFirst().orElse("");
        String reasons = recorded.isEmpty() ? b.facts().delayReasons() : recorded;
        return reasons.isEmpty() ? msg("breach.draft.missing.delayReasons", locale, time.local(b.notifyAuthorityBy()))
                : reasons;
    }

    /**
     * The officer's numbers as entered; only when the officer has entered none, the register's estimate, said to
     * be an estimate; else unknown.
     */
    private String numbers(Breach b, Locale locale) {
        String unknownInline = msg("breach.unknown.inline", locale);
        Long subjects = b.facts().approxSubjects();
        Long records = b.facts().approxRecords();
        if (subjects != null || records != null) {
            return msg("breach.draft.numbers", locale, subjects == null ? unknownInline : String.valueOf(subjects),
                    records == null ? unknownInline : String.valueOf(records));
        }
        if (b.estimatedSubjects() != null || b.estimatedRecords() != null) {
            return msg("breach.draft.numbers.estimated", locale,
                    b.estimatedSubjects() == null ? unknownInline : String.valueOf(b.estimatedSubjects()),
                    b.estimatedRecords() == null ? unknownInline : String.valueOf(b.estimatedRecords()));
        }
        return msg("breach.unknown", locale);
    }

    private String informed(Breach b, Locale locale) {
        if (b.noticeDecision() == null) {
            return msg("breach.draft.informed.undecided", locale);
        }
        if (BreachService.NOTIFY.equals(b.noticeDecision())) {
            List<AffectedSubject> subjects = register.affectedSubjects(b.id());
            long sent = subjects.stream().filter(s -> "SENT".equals(s.noticeStatus())).count();
            return msg("breach.draft.informed.notify", locale, sent, subjects.size());
        }
        String text = msg("breach.notice.exception." + b.noticeDecision(), locale) + ". " + b.noticeReasoning();
        if (b.publicNoticeChosen()) {
            text += " " + msg("breach.draft.informed.public", locale) + " " + b.publicNotice();
        }
        return text;
    }

    /** The draft as HTML; {@code forPdf} inlines the stylesheet. */
    @Override
    public String draftHtml(Breach b, NotificationPhase phase, Locale locale, boolean forPdf) {
        Context context = context(b, locale, forPdf);
        context.setVariable("phase", phase);
        context.setVariable("fields", draftFields(b, locale));
        context.setVariable("initial", b.notifications().stream()
                .filter(n -> n.phase() == NotificationPhase.INITIAL).findFirst().orElse(null));
        return templates.process(DRAFT_TEMPLATE, context);
    }

    /** The draft as plain text to paste field by field into the authority's form. */
    @Override
    public String draftText(Breach b, NotificationPhase phase, Locale locale) {
        StringBuilder out = new StringBuilder();
        out.append(msg("breach.draft.title", locale)).append(" – ").append(msg("breach.phase." + phase, locale))
                .append('\n');
        out.append(b.receipt()).append(": ").append(b.title()).append("\n\n");
        for (AuthorityNotification n : b.notifications()) {
            if (n.phase() == NotificationPhase.INITIAL && phase == NotificationPhase.FOLLOW_UP) {
                out.append(msg("breach.draft.previous", locale, time.local(n.sentAt()), n.reference())).append("\n\n");
            }
        }
        for (Field f : draftFields(b, locale)) {
            out.append(f.label()).append(":\n").append(f.value()).append("\n\n");
        }
        return out.toString();
    }

    /** The draft as PDF. */
    @Override
    public byte[] draftPdf(Breach b, NotificationPhase phase, Locale locale) {
        return pdf(draftHtml(b, phase, locale, true));
    }

    /** The one-page management report as HTML. */
    @Override
    public String reportHtml(Breach b, Locale locale, boolean forPdf) {
        Context context = context(b, locale, forPdf);
        context.setVariable("affected", register.affectedSubjects(b.id()).size());
        context.setVariable("actors", actorNames(b, locale));
        return templates.process(REPORT_TEMPLATE, context);
    }

    /** The management report as PDF. */
    @Override
    public byte[] reportPdf(Breach b, Locale locale) {
        return pdf(reportHtml(b, locale, true));
    }

    private Context context(Breach b, Locale locale, boolean forPdf) {
        Context context = new Context(locale);
        Instant now = clock.instant();
        context.setVariable("breach", b);
        context.setVariable("now", now);
        context.setVariable("timeLeft", BreachConfiguration.hoursLeft(b.timeLeft(now)));
        context.setVariable("timeFormat", time);
        context.setVariable("inlineCss", forPdf ? PdfRenderer.stylesheet(CSS) : "");
        context.setVariable("cssHref", forPdf ? "" : "/css/breach-report.css");
        return context;
    }

    /** Who decided, as a phrase in the report's language (never the stored actor reference). */
    private java.util.Map<String, String> actorNames(Breach b, Locale locale) {
        org.springframework.context.i18n.LocaleContext before = org.springframework.context.i18n.LocaleContextHolder.getLocaleContext();
        org.springframework.context.i18n.LocaleContextHolder.setLocale(locale);
        try {
            java.util.Map<String, String> names = new java.util.HashMap<>();
            b.decisions().forEach(d -> names.computeIfAbsent(d.decidedBy(), labels::actor));
            return names;
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.setLocaleContext(before);
        }
    }

    private static byte[] pdf(String html) {
        return PdfRenderer.render(html);
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String or(@Nullable String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }
}
