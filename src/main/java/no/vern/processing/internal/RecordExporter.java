package no.vern.processing.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import no.vern.processing.Activity;
import no.vern.processing.PolicyText;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.Recipient;
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

    RecordExporter(ITemplateEngine templates, PolicyWords writer, Clock clock) {
        this.templates = templates;
        this.writer = writer;
        this.clock = clock;
    }

    /** The record as CSV (RFC 4180, UTF-8), one row per purpose, texts in the given language. */
    @Override
    public String csv(RecordVersion version, Locale locale) {
        ProcessingRecordDocument doc = version.document();
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
                        a.recipients().stream().map(r -> r.name().in(locale) + " [" + r.kind() + ", " + r.country()
                                + (r.agreementInPlace() ? ", DPA" : "") + "]").collect(Collectors.joining("; ")),
                        a.recipients().stream().filter(Recipient::thirdCountryTransfer)
                                .map(r -> r.country() + ": " + (r.safeguard() == null ? "" : r.safeguard().in(locale)))
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
