package no.vern.register.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.register.ConsentRequired;
import no.vern.register.ImportOptions;
import no.vern.register.ErasedAddresses;
import no.vern.register.ImportReport;
import no.vern.register.ImportReport.Line;
import no.vern.register.ImportReport.Status;
import no.vern.register.NewSubject;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectSummary;
import no.vern.shared.CsvReader;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.Rejected;
import no.vern.shared.SubjectId;

/**
 * CSV import of customer contacts as a CRM exports them ({@code name;email;phone;company;org_number;title},
 * {@code ;} or {@code ,}): a dry run reports every line, an apply creates the valid new ones, one
 * transaction per line. Duplicates (by email, else phone blind index) are skipped, so a re-import
 * creates nothing new. Consent-based kinds or purposes are refused per line (S4, S5). A line whose address belongs to
 * a person erased at their request is not registered but flagged for a decision ({@link ErasedAddresses}).
 */
@Component
class CsvImport {

    static final int MAX_LINES = 10_000;
    private static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("name", "name"),
            Map.entry("navn", "name"), Map.entry("full name", "name"), Map.entry("email", "email"),
            Map.entry("e-mail", "email"), Map.entry("e-post", "email"), Map.entry("epost", "email"),
            Map.entry("phone", "phone"), Map.entry("telefon", "phone"), Map.entry("mobile", "phone"),
            Map.entry("mobil", "phone"), Map.entry("company", "company"), Map.entry("firma", "company"),
            Map.entry("organisation", "company"), Map.entry("org_number", "org_number"),
            Map.entry("orgnr", "org_number"), Map.entry("organisasjonsnummer", "org_number"),
            Map.entry("title", "title"), Map.entry("tittel", "title"), Map.entry("language", "language"),
            Map.entry("språk", "language"), Map.entry("lang", "language"));

    private final SubjectWrites register;
    private final SubjectAccess access;
    private final RecordValidation validation;
    private final SubjectIndexes indexes;

    private final org.springframework.beans.factory.ObjectProvider<ErasedAddresses> erasedAddresses;
    private final no.vern.register.SubjectDirectory directory;

    CsvImport(SubjectWrites register, SubjectAccess access, RecordValidation validation, SubjectIndexes indexes,
            org.springframework.beans.factory.ObjectProvider<ErasedAddresses> erasedAddresses,
            no.vern.register.SubjectDirectory directory) {
        this.erasedAddresses = erasedAddresses;
        this.directory = directory;
        this.register = register;
        this.access = access;
        this.validation = validation;
        this.indexes = indexes;
    }

    ImportReport run(String csv, ImportOptions options) {
        List<List<String>> rows = CsvReader.parse(csv);
        if (rows.isEmpty()) {
            throw new InvalidInput("file", "is empty", "register.error.fileEmpty");
        }
        if (rows.size() - 1 > MAX_LINES) {
            throw new InvalidInput("file", "has more than " + MAX_LINES + " lines", "register.error.tooManyLines",
                    String.valueOf(MAX_LINES));
        }
        List<String> header = rows.get(0).stream().map(h -> HEADERS.getOrDefault(h.strip().toLowerCase(Locale.ROOT), "?"))
                .toList();
        if (!header.contains("name") || !header.contains("email") && !header.contains("phone")) {
            throw new InvalidInput("file", "needs a header row with name and email or phone columns",
                    "register.error.csvHeader");
        }
        List<Line> lines = new ArrayList<>();
        Map<String, SubjectId> seen = new HashMap<>();
        boolean consentNeeded = !access.consentPermits(SubjectId.random(), Set.of(options.kind()), options.purpose());
        // Every subject of one applied import carries its reference (GDPR Art. 14(2)(f): the source; an exemption can be
        // recorded for the whole import).
        String origin = options.dryRun() ? null : "import:" + java.util.UUID.randomUUID();
        for (int i = 1; i < rows.size(); i++) {
            int number = i + 1;
            List<String> cells = rows.get(i);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                row.put(header.get(c), cells.get(c));
            }
            lines.add(line(number, row, options, seen, consentNeeded, origin));
        }
        return new ImportReport(options.dryRun(), lines, origin);
    }

    private Line line(int number, Map<String, String> row, ImportOptions options, Map<String, SubjectId> seen,
            boolean consentNeeded, @Nullable String origin) {
        if (consentNeeded) {
            return new Line(number, Status.CONSENT_REQUIRED, null, List.of());
        }
        String company = row.getOrDefault("company", "");
        String orgNumber = row.getOrDefault("org_number", "");
        OrganisationInput org = company.isBlank() ? null : new OrganisationInput(company, orgNumber, null);
        PersonalData data = PersonalData.contact(row.get("name"), row.get("email"), row.get("phone"));
        List<FieldError> errors = new ArrayList<>();
        if (row.getOrDefault("name", "").isBlank()) {
            errors.add(FieldError.coded("name", "is required", "error.field.required"));
        }
        List<RecordValidation.Pending> pending = validation.validate(options.purpose(), data, errors);
        if (org == null && !orgNumber.isBlank()) {
            errors.add(FieldError.coded("company", "is required with an org_number", "register.error.companyForOrgNumber"));
        } else if (org != null && !orgNumber.isBlank()) {
            try {
                OrgNumbers.normalise(orgNumber);
            } catch (Rejected e) {
                errors.add(e.at("org_number"));
            }
        }
        String language = language(row.getOrDefault("language", ""), options.language());
        if (language == null) {
            errors.add(FieldError.coded("language", "must be nb or en", "error.field.language"));
        }
        if (!errors.isEmpty() || language == null) {
            return new Line(number, Status.INVALID, null, rename(errors));
        }
        String key = null;
        for (RecordValidation.Pending p : pending) {
            if (p.category().equals("email") || key == null && p.category().equals("phone")) {
                key = p.category() + ":" + p.value();
            }
        }
        if (key != null) {
            if (seen.containsKey(key)) {
                return new Line(number, Status.DUPLICATE, seen.get(key), List.of());
            }
            int colon = key.indexOf(':');
            List<SubjectSummary> existing = indexes.duplicates(key.substring(0, colon), key.substring(colon + 1));
            if (!existing.isEmpty()) {
                seen.put(key, existing.get(0).id());
                return new Line(number, Status.DUPLICATE, existing.get(0).id(), List.of());
            }
        }
        String email = row.getOrDefault("email", "");
        ErasedAddresses erased = erasedAddresses.getIfAvailable();
        if (!email.isBlank() && erased != null && erased.erasedBefore(directory.emailIndexes(email))) {
            // Issue 20, item 8: an erased person is not brought back by a CRM export; staff decide.
            return new Line(number, Status.ERASED_BEFORE, null, List.of());
        }
        SubjectId id = SubjectId.random();
        if (!options.dryRun()) {
            try {
                // No id given: the register takes one whose key was generated ahead (issue 28 item 4).
                id = register.register(new NewSubject(null, Set.of(options.kind()), options.purpose(), Source.IMPORTED,
                        org, data), origin, language);
            } catch (ConsentRequired e) {
                return new Line(number, Status.CONSENT_REQUIRED, null, List.of());
            } catch (InvalidInput e) {
                return new Line(number, Status.INVALID, null, rename(e.errors()));
            }
        }
        if (key != null) {
            seen.put(key, id);
        }
        return new Line(number, Status.VALID, options.dryRun() ? null : id, List.of());
    }

    /** The row's language ({@code nb}/{@code no}/{@code en}, any case), the import's when blank, null when unknown. */
    static @Nullable String language(String cell, String fallback) {
        String value = cell.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> fallback;
            case "nb", "no", "nn", "norsk", "norwegian" -> "nb";
            case "en", "english", "engelsk" -> "en";
            default -> null;
        };
    }

    private static List<FieldError> rename(List<FieldError> errors) {
        return errors.stream().map(e -> new FieldError(e.field().equals("organisation.orgNumber") ? "org_number"
                : e.field().equals("organisation.name") ? "company" : e.field(), e.message(), e.code(), e.args())).toList();
    }
}
