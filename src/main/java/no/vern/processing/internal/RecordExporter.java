package no.vern.processing.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import no.vern.processing.Activity;
import no.vern.processing.PolicyText;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecipientStatement;
import no.vern.processing.TransferStatement;
import no.vern.processing.RecordExports;
import no.vern.processing.RecordVersion;
import no.vern.processing.RecordWarning;
import no.vern.shared.CsvWriter;
import no.vern.shared.PdfRenderer;

/**
 * Exports a version of the record for the Data Protection Authority and for spreadsheets: CSV (one
 * row per purpose) and a printable report as HTML or PDF (GDPR Art. 30(4): made available to the
 * supervisory authority on request).
 */
@Component
class RecordExporter implements RecordExports {

    /** The template of the printable report. */
    static final String REPORT_TEMPLATE = "processing/report";
    private static final String CSS = "static/css/processing-report.css";

    private final ITemplateEngine templates;
    private final PolicyWords writer;
    private final Clock clock;

    private final RecordRecipients recipients;

    RecordExporter(ITemplateEngine templates, PolicyWords writer, Clock clock, RecordRecipients recipients) {
        this.recipients = recipients;
        this.templates = templates;
        this.writer = writer;
        this.clock = clock;
    }

    /** The record as CSV (RFC 4180, UTF-8), one row per purpose, texts in the given language. */
    @Override
    public String csv(RecordVersion version, Locale locale) {
        ProcessingRecordDocument doc = version.document();
        Texts t = writer.texts(locale);
        List<RecipientStatement> vendors = recipients.registered(locale);
        StringBuilder out = new StringBuilder();
        row(out, List.of("record_version", "controller", "controller_contact", "dpo", "dpo_contact", "activity_id",
                "activity", "purpose_key", "purpose", "legal_basis", "legal_basis_note", "mandatory",
                "data_subjects", "data_categories", "source", "recipients", "third_country_transfers",
                "retention", "retention_period", "security_measures"));
        String general = general(doc, locale);
        for (Activity a : doc.activities()) {
            for (Purpose p : a.purposes()) {
                row(out, List.of(String.valueOf(version.version()), doc.controller().name(), doc.controller().email(),
                        doc.dataProtectionOfficer().name(), doc.dataProtectionOfficer().email(), a.id(),
                        a.name().in(locale), p.key(), p.name().in(locale),
                        p.legalBasis() == null ? "" : p.legalBasis().name(),
                        p.legalBasisNote() == null ? "" : p.legalBasisNote().in(locale), String.valueOf(p.mandatory()),
                        a.subjects().stream().map(Enum::name).collect(Collectors.joining(";")),
                        String.join(";", a.dataCategories()), a.source().in(locale),
                        RecordRecipients.of(a, vendors, locale).stream().map(r -> PolicyWords.recordRecipient(r, t))
                                .collect(Collectors.joining("; ")),
                        transfers(a, vendors, locale).stream()
                                .map(s -> s.recipient() + ", " + s.country() + ": " + s.mechanism())
                                .collect(Collectors.joining("; ")),
                        p.retention() == null ? "" : p.retention().description().in(locale),
                        p.retention() == null || p.retention().period() == null ? "" : p.retention().period().toString(),
                        (a.security() == null || a.security().in(locale).isBlank() ? ""
                                : a.security().in(locale) + " ") + general));
            }
        }
        return out.toString();
    }

    /** The printable report as HTML; {@code forPdf} inlines the stylesheet for the PDF renderer. */
    @Override
    public String html(RecordVersion version, List<RecordWarning> warnings, Locale locale, boolean forPdf) {
        Context context = new Context(locale);
        List<RecipientStatement> vendors = recipients.registered(locale);
        Map<String, List<RecipientStatement>> byActivity = new java.util.HashMap<>();
        Map<String, List<TransferStatement>> transfersByActivity = new java.util.HashMap<>();
        for (Activity a : version.document().activities()) {
            byActivity.put(a.id(), RecordRecipients.of(a, vendors, locale));
            transfersByActivity.put(a.id(), transfers(a, vendors, locale));
        }
        context.setVariable("recipients", byActivity);
        context.setVariable("transfers", transfersByActivity);
        context.setVariables(Map.of("record", version, "doc", version.document(), "writer", writer,
                "warnings", warnings, "recordDate", PolicyText.date(version.createdAt(), locale),
                "printedAt", PolicyText.date(clock.instant(), locale),
                "inlineCss", forPdf ? PdfRenderer.stylesheet(CSS) : "", "cssHref", forPdf ? "" : "/css/processing-report.css"));
        return templates.process(REPORT_TEMPLATE, context);
    }

    /** The printable report as PDF. */
    @Override
    public byte[] pdf(RecordVersion version, List<RecordWarning> warnings, Locale locale) {
        return PdfRenderer.render(html(version, warnings, locale, true));
    }

    /** Art. 30(1)(e): the registered transfers of an activity's recipients, from the vendor register. */
    private static List<TransferStatement> transfers(Activity a, @Nullable List<RecipientStatement> vendors, Locale locale) {
        return RecordRecipients.of(a, vendors, locale).stream().flatMap(r -> r.transfers().stream()).toList();
    }

    private static String general(ProcessingRecordDocument doc, Locale locale) {
        List<String> all = new ArrayList<>();
        doc.security().organisational().forEach(m -> all.add(m.in(locale)));
        doc.security().technical().forEach(m -> all.add(m.in(locale)));
        return String.join(" ", all);
    }

    private static void row(StringBuilder out, List<String> cells) {
        CsvWriter.to(out).row(cells);
    }
}
