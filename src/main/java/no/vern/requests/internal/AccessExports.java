package no.vern.requests.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;


import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.processing.Activity;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecipientStatement;
import no.vern.processing.Recipients;
import no.vern.register.RecordView;
import no.vern.requests.AccessExport;
import no.vern.requests.AccessExport.Art15Item;
import no.vern.requests.AccessExport.Datum;
import no.vern.requests.AccessExport.PurposeInfo;
import no.vern.requests.AccessExport.SystemHolding;
import no.vern.requests.ConnectedSystems;
import no.vern.requests.Operation;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestKind;
import no.vern.requests.SystemData;
import no.vern.shared.CsvWriter;
import no.vern.shared.PdfRenderer;
import no.vern.shared.SubjectId;
import no.vern.crypto.SubjectKeyDestroyed;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the access export (GDPR Art. 15, S24) from the register (one purpose-aware read of everything held under
 * the person's address for every purpose of the record of processing, audited as the export's one entry) and the connected systems, explained from the record of processing; and
 * renders it as JSON, CSV per category (zip), HTML and PDF. Portability (Art. 20) keeps only data held on
 * consent or contract.
 */
@Component
class AccessExports {

    static final String TEMPLATE = "requests/access-report";
    private static final Set<LegalBasis> PORTABLE = EnumSet.of(LegalBasis.CONSENT, LegalBasis.CONTRACT);

    private final ProcessingRecord record;
    private final ObjectProvider<ConnectedSystems> systems;
    private final Mailer texts;
    private final ITemplateEngine templates;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;
    private final PersonRecords people;
    private final CaseFile file;
    private final Recipients recipientsOf;
    private final Cases cases;

    AccessExports(PersonRecords people, CaseFile file, Cases cases, ProcessingRecord record, ObjectProvider<ConnectedSystems> systems,
            Mailer texts, ITemplateEngine templates, AuditLog audit, Clock clock, JsonMapper json, Recipients recipientsOf) {
        this.recipientsOf = recipientsOf;
        this.cases = cases;
        this.people = people;
        this.file = file;
        this.record = record;
        this.systems = systems;
        this.texts = texts;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** The export of a case, audited as one read of the subject's data. */
    AccessExport build(RequestCase c) {
        Locale locale = Locale.forLanguageTag(c.language());
        boolean portability = c.kind() == RequestKind.PORTABILITY;
        ProcessingRecordDocument doc = record.current().document();
        List<Datum> data = new ArrayList<>();
        // One person, all records (issue 20, item 5): every subject held under the verified address.
        // The case's address, its recorded subjects and the fan-out question in one statement; the subjects under the
        // address with their restrictions and records in one register statement, audited as this export's one entry
        // (issue 28 item 5).
        Cases.AddressAndSubjects address = cases.addressAndSubjects(c.id());
        List<String> purposeKeys = doc.purposes().stream().map(Purpose::key).toList();
        String email = emailOrNull(c, address.emailCiphertext());
        AuditEvent entry = AuditEvent.by(RequestService.actor(), "requests.access.export", Outcome.SUCCESS)
                .withPurpose(RequestService.PURPOSE).withTargets(c.id().reference(), c.subject().reference());
        Map<UUID, RecordView> seen = new LinkedHashMap<>();
        if (purposeKeys.isEmpty()) {
            // A record of processing without purposes: nothing can be read, the subjects are named.
            audit.record(entry.withTargets(people.of(c, email, address.subjects()).stream()
                    .filter(s -> !s.equals(c.subject())).map(SubjectId::reference).toArray(String[]::new)));
        } else {
            people.held(c, email, address.subjects(), purposeKeys, entry).records().forEach(r -> seen.putIfAbsent(r.id(), r));
        }
        // The vendor register is read once per export, not once per record and activity (issue 28 item 5).
        Map<String, List<RecipientStatement>> recipients = recipientsOf.byActivity(doc, locale);
        List<AccessExport.NotPortable> notPortable = new ArrayList<>();
        for (RecordView r : seen.values()) {
            if (portability && (!PORTABLE.contains(r.legalBasis()) || r.source() != no.vern.register.Source.SUBJECT)) {
                // GDPR Art. 20(1): only data the person provided, processed on consent or contract, is portable; what
                // is held otherwise is confirmed (Art. 15) and the person is told why it is left out.
                notPortable.add(notPortable(r, doc, locale));
                continue;
            }
            data.add(datum(r, doc, recipients, locale));
        }
        List<SystemHolding> holdings = new ArrayList<>();
        ConnectedSystems connected = address.accessFannedOut() ? systems.getIfAvailable() : null;
        if (connected != null) {
            for (SystemData s : connected.collected(c.id().value(), Operation.ACCESS)) {
                List<PurposeInfo> purposes = s.activityIds().stream().flatMap(a -> doc.activity(a).stream())
                        .flatMap(a -> a.purposes().stream()).map(p -> purpose(p, locale)).toList();
                holdings.add(new SystemHolding(s.system(), s.owner(), purposes, s.valuesByCategory()));
            }
        }
        boolean held = !data.isEmpty() || !notPortable.isEmpty()
                || holdings.stream().anyMatch(h -> !h.valuesByCategory().isEmpty());
        return new AccessExport(AccessExport.SCHEMA, c.id().toString(), clock.instant(), c.language(),
                portability, doc.controller().name() + " <" + doc.controller().email() + ">", held, data, holdings,
                art15(data, holdings, doc, recipients, locale), notPortable);
    }

    private @org.jspecify.annotations.Nullable String emailOrNull(RequestCase c, byte @org.jspecify.annotations.Nullable [] ct) {
        try {
            return file.email(c, ct);
        } catch (SubjectKeyDestroyed e) {
            return null; // the case's contact data is gone: only the subjects recorded in the case
        }
    }

    private Datum datum(RecordView r, ProcessingRecordDocument doc, Map<String, List<RecipientStatement>> recipientsByActivity,
            Locale locale) {
        List<PurposeInfo> purposes = new ArrayList<>();
        Set<String> recipients = new LinkedHashSet<>();
        Set<LegalBasis> bases = EnumSet.noneOf(LegalBasis.class);
        for (String key : r.purposes()) {
            doc.purpose(key).ifPresent(p -> {
                purposes.add(purpose(p, locale));
                if (p.legalBasis() != null) {
                    bases.add(p.legalBasis());
                }
            });
            doc.activityOf(key).ifPresent(a -> recipientsByActivity.getOrDefault(a.id(), List.of())
                    .forEach(rc -> recipients.add(recipient(rc, locale))));
        }
        if (bases.isEmpty()) {
            bases.add(r.legalBasis());
        }
        String name = doc.dataCategory(r.category()).map(dc -> dc.name().in(locale)).orElse(r.category());
        return new Datum(r.category(), name, r.value(), t(locale, "requests.source." + r.source().name()),
                r.collectedAt(), purposes, List.copyOf(recipients), rights(bases, locale));
    }

    /** Why one held record is left out of a portability export (Art. 20(1)): its source, else its legal basis. */
    private AccessExport.NotPortable notPortable(RecordView r, ProcessingRecordDocument doc, Locale locale) {
        String name = doc.dataCategory(r.category()).map(dc -> dc.name().in(locale)).orElse(r.category());
        String reason = r.source() != no.vern.register.Source.SUBJECT
                ? texts.text("requests.portability.notProvided", locale, t(locale, "requests.source." + r.source().name()))
                : texts.text("requests.portability.notOnConsentOrContract", locale,
                        t(locale, "requests.basis." + r.legalBasis().name()));
        return new AccessExport.NotPortable(r.category(), name, reason);
    }

    private PurposeInfo purpose(Purpose p, Locale locale) {
        String basis = p.legalBasis() == null ? "" : p.legalBasis().name();
        String basisText = p.legalBasis() == null ? t(locale, "requests.basis.missing")
                : texts.text("requests.export.basisArticle", locale, t(locale, "requests.basis." + basis), p.legalBasis().article());
        String retention = p.retention() == null ? t(locale, "requests.retention.missing")
                : p.retention().description().in(locale);
        return new PurposeInfo(p.key(), p.name().in(locale), basis, basisText, retention);
    }

    /** A recipient (from the vendor register or the record, {@link Recipients}) with its registered transfers. */
    private String recipient(RecipientStatement r, Locale locale) {
        String text = r.name();
        if (!r.transfers().isEmpty()) {
            text += " – " + t(locale, "requests.export.transfer") + ": " + r.transfers().stream()
                    .map(tr -> tr.country() + " (" + tr.mechanism() + ")").collect(java.util.stream.Collectors.joining(", "));
        }
        return text;
    }

    /** The rights that apply to a datum given its legal bases (Arts. 15–21, 7(3)). */
    private List<String> rights(Set<LegalBasis> bases, Locale locale) {
        List<String> rights = new ArrayList<>(List.of(t(locale, "requests.right.access"),
                t(locale, "requests.right.rectification"), t(locale, "requests.right.erasure"),
                t(locale, "requests.right.restriction")));
        if (bases.contains(LegalBasis.CONSENT) || bases.contains(LegalBasis.CONTRACT)) {
            rights.add(t(locale, "requests.right.portability"));
        }
        if (bases.contains(LegalBasis.LEGITIMATE_INTEREST) || bases.contains(LegalBasis.PUBLIC_TASK)) {
            rights.add(t(locale, "requests.right.objection"));
        }
        if (bases.contains(LegalBasis.CONSENT)) {
            rights.add(t(locale, "requests.right.withdraw"));
        }
        rights.add(t(locale, "requests.right.complaint"));
        return rights;
    }

    /** Art. 15(1)(a)–(h) and 15(2): each item with content or a reason why it does not apply. */
    private Map<String, Art15Item> art15(List<Datum> data, List<SystemHolding> holdings, ProcessingRecordDocument doc,
            Map<String, List<RecipientStatement>> recipientsByActivity,
            Locale locale) {
        boolean none = data.isEmpty() && holdings.isEmpty();
        String nothing = t(locale, "requests.art15.nothing");
        Set<String> purposes = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> recipients = new LinkedHashSet<>();
        Set<String> retention = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (Datum d : data) {
            d.purposes().forEach(p -> {
                purposes.add(p.name() + ": " + p.legalBasisText());
                retention.add(p.name() + ": " + p.retention());
            });
            categories.add(d.categoryName());
            recipients.addAll(d.recipients());
            sources.add(d.source());
        }
        for (SystemHolding h : holdings) {
            h.purposes().forEach(p -> {
                purposes.add(p.name() + ": " + p.legalBasisText());
                retention.add(p.name() + ": " + p.retention());
            });
            categories.addAll(h.valuesByCategory().keySet().stream()
                    .map(k -> doc.dataCategory(k).map(dc -> dc.name().in(locale)).orElse(k)).toList());
            sources.add(h.system() + " (" + h.owner() + ")");
        }
        Set<String> transfers = new LinkedHashSet<>();
        for (Activity a : doc.activities()) {
            for (RecipientStatement r : recipientsByActivity.getOrDefault(a.id(), List.of())) {
                if (!r.transfers().isEmpty() && recipients.contains(recipient(r, locale))) {
                    transfers.add(recipient(r, locale));
                }
            }
        }
        Map<String, Art15Item> items = new LinkedHashMap<>();
        items.put("a", item("15(1)(a)", "requests.art15.a", locale, purposes, none ? nothing : null));
        items.put("b", item("15(1)(b)", "requests.art15.b", locale, categories, none ? nothing : null));
        items.put("c", item("15(1)(c)", "requests.art15.c", locale, recipients,
                none ? nothing : t(locale, "requests.art15.c.none")));
        items.put("d", item("15(1)(d)", "requests.art15.d", locale, retention, none ? nothing : null));
        items.put("e", item("15(1)(e)", "requests.art15.e", locale,
                List.of(t(locale, "requests.right.rectification"), t(locale, "requests.right.erasure"),
                        t(locale, "requests.right.restriction"), t(locale, "requests.right.objection")), null));
        items.put("f", item("15(1)(f)", "requests.art15.f", locale, List.of(t(locale, "requests.right.complaint")), null));
        items.put("g", item("15(1)(g)", "requests.art15.g", locale, sources, none ? nothing : null));
        items.put("h", item("15(1)(h)", "requests.art15.h", locale, List.of(), t(locale, "requests.art15.h.none")));
        items.put("transfers", item("15(2)", "requests.art15.transfers", locale, transfers,
                t(locale, "requests.art15.transfers.none")));
        return items;
    }

    private Art15Item item(String article, String titleKey, Locale locale, java.util.Collection<String> content,
            @org.jspecify.annotations.Nullable String reasonIfEmpty) {
        if (content.isEmpty()) {
            return new Art15Item(article, t(locale, titleKey), List.of(),
                    reasonIfEmpty == null ? t(locale, "requests.art15.nothing") : reasonIfEmpty);
        }
        return new Art15Item(article, t(locale, titleKey), List.copyOf(content), null);
    }

    byte[] json(AccessExport export) {
        return json.writeValueAsBytes(export);
    }

    /** One CSV per category (register and connected systems) in a zip. */
    byte[] csvZip(AccessExport export) {
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        for (Datum d : export.data()) {
            StringBuilder b = files.computeIfAbsent(d.category() + ".csv", k -> new StringBuilder(CsvWriter.line(
                    "value", "source", "collected_at", "purposes", "legal_bases", "retention", "recipients")));
            CsvWriter.to(b).row(d.value(), d.source(), d.collectedAt(),
                    String.join("; ", d.purposes().stream().map(PurposeInfo::name).toList()),
                    String.join("; ", d.purposes().stream().map(PurposeInfo::legalBasisText).toList()),
                    String.join("; ", d.purposes().stream().map(PurposeInfo::retention).toList()),
                    String.join("; ", d.recipients()));
        }
        for (SystemHolding h : export.systems()) {
            h.valuesByCategory().forEach((category, values) -> {
                StringBuilder b = files.computeIfAbsent(slug(h.system()) + "-" + slug(category) + ".csv",
                        k -> new StringBuilder(CsvWriter.line("system", "value")));
                values.forEach(v -> CsvWriter.to(b).row(h.system(), v));
            });
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            if (files.isEmpty()) {
                files.put("README.txt", new StringBuilder(t(Locale.forLanguageTag(export.language()), "requests.art15.nothing")));
            }
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    String html(AccessExport export) {
        Context context = new Context(Locale.forLanguageTag(export.language()));
        context.setVariable("export", export);
        context.setVariable("generated", java.time.format.DateTimeFormatter.ofPattern("d.M.yyyy HH:mm")
                .withZone(no.vern.shared.VernClock.ZONE).format(export.generatedAt()));
        return templates.process(TEMPLATE, context);
    }

    byte[] pdf(AccessExport export) {
        return PdfRenderer.render(html(export));
    }

    private String t(Locale locale, String key) {
        return texts.text(key, locale);
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "data" : s;
    }
}
