package no.vern.register.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.processing.SubjectKind;
import no.vern.register.Categories;
import no.vern.register.ConsentRequired;
import no.vern.register.ImportOptions;
import no.vern.register.ImportReport;
import no.vern.register.NewSubject;
import no.vern.register.RecordView;
import no.vern.register.Restrictions;
import no.vern.register.Source;
import no.vern.register.StaleSubjectVersion;
import no.vern.register.SubjectPage;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectSummary;
import no.vern.register.SubjectUpdate;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
import no.vern.shared.MailNotSent;
import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/**
 * The register in the staff console: list and search (no personal data), a subject read for a
 * purpose picked from the role's task (S10), new and edit forms showing only the purpose's fields
 * (S12), change history, erasure with confirmation (GDPR Art. 17) and CSV import with a dry run.
 */
@Controller
class RegisterConsoleController {

    static final String LIST = "register/list";
    static final String VIEW = "register/view";
    static final String FORM = "register/form";
    static final String HISTORY = "register/history";
    static final String IMPORT = "register/import";
    static final String STAFF = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER','SALES','RECRUITER','MARKETING')";
    static final String ERASERS = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER')";
    static final String IMPORTERS = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER','SALES')";
    private static final Map<String, String> DEFAULT_PURPOSE = Map.of("ROLE_SALES", "customer-administration",
            "ROLE_RECRUITER", "recruitment", "ROLE_MARKETING", "newsletter");
    private static final int PAGE_SIZE = 25;

    static final String OFFICER = "hasRole('PRIVACY_OFFICER')";

    private final SubjectRegister register;
    private final ProcessingRecord processing;
    private final Restrictions restrictions;
    private final Labels labels;
    private final org.springframework.beans.factory.ObjectProvider<no.vern.register.SourceNoticeStatus> sourceNotices;

    RegisterConsoleController(SubjectRegister register, ProcessingRecord processing, Restrictions restrictions,
            org.springframework.beans.factory.ObjectProvider<no.vern.register.SourceNoticeStatus> sourceNotices,
            Labels labels) {
        this.labels = labels;
        this.sourceNotices = sourceNotices;
        this.register = register;
        this.processing = processing;
        this.restrictions = restrictions;
    }

    /** A record as the view shows it: multi-line values (addresses) split into lines. */
    record Shown(String category, List<String> lines, Source source, no.vern.processing.LegalBasis legalBasis,
            java.time.Instant collectedAt, java.time.Instant confirmedAt) {

        static Shown of(RecordView r) {
            List<String> lines = r.value().startsWith("attachment:") ? List.of("📎") : List.of(r.value().split("\n"));
            return new Shown(r.category(), lines, r.source(), r.legalBasis(), r.collectedAt(), r.confirmedAt());
        }

        @Override
        public String toString() {
            return "Shown[" + category + "]";
        }
    }

    @GetMapping("/console/register")
    @PreAuthorize(STAFF)
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", "");
        SubjectPage p = register.list(Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("page", p);
        model.addAttribute("lastPage", Math.max(0, (p.total() - 1) / PAGE_SIZE));
        return LIST;
    }

    /** The search box posts (rule 1: an email or phone never travels in a URL, browser history or access log). */
    @PostMapping("/console/register/search")
    @PreAuthorize(STAFF)
    String search(@RequestParam(defaultValue = "") String q, Model model) {
        if (q.isBlank()) {
            return list(0, model);
        }
        model.addAttribute("q", q);
        try {
            model.addAttribute("results", matching(q.strip()));
        } catch (InvalidInput e) {
            model.addAttribute("results", List.of());
            model.addAttribute("searchError", true);
        }
        return LIST;
    }

    /** Exact search by subject id, email, organisation number or phone (blind indexes; S10 needs no purpose for ids). */
    private List<SubjectSummary> matching(String q) {
        if (q.matches("[0-9a-fA-F-]{36}")) {
            try {
                return List.of(register.summary(SubjectId.parse(q)));
            } catch (VernProblem e) {
                return List.of();
            }
        }
        if (q.contains("@")) {
            return register.findByEmail(q);
        }
        String digits = q.replaceAll("[\\s.]", "");
        if (digits.matches("\\d{9}") && !q.startsWith("+")) {
            try {
                List<SubjectSummary> byOrg = register.findByOrgNumber(digits);
                if (!byOrg.isEmpty()) {
                    return byOrg;
                }
            } catch (InvalidInput e) {
                // not an organisation number: try it as a phone number below
            }
        }
        return register.findByPhone(q);
    }

    @GetMapping("/console/register/subjects/{id}")
    @PreAuthorize(STAFF)
    String view(@PathVariable String id, @RequestParam(required = false) @Nullable String purpose, Model model,
            Authentication auth, Locale locale) {
        SubjectId subject = SubjectId.parse(id);
        String chosen = purpose != null && !purpose.isBlank() ? purpose : defaultPurpose(auth);
        common(model, locale);
        model.addAttribute("mayErase", auth.getAuthorities().stream()
                .anyMatch(a -> Set.of("ROLE_PRIVACY_OFFICER", "ROLE_CASE_HANDLER").contains(a.getAuthority())));
        model.addAttribute("purpose", chosen == null ? "" : chosen);
        restrictionSection(model, subject, auth);
        // GDPR Art. 14: whether and when the person was told about data obtained from others (no personal data).
        no.vern.register.SourceNoticeStatus notices = sourceNotices.getIfAvailable();
        model.addAttribute("sourceNotices", notices == null ? List.of() : notices.statements(subject, locale));
        if (chosen == null || model.getAttribute("restriction") != null) {
            // A restricted subject's data is stored only (GDPR Art. 18(2)): the page shows the restriction, no values.
            model.addAttribute("subject", register.summary(subject));
            model.addAttribute("records", List.of());
            model.addAttribute("choose", chosen == null);
            model.addAttribute("restricted", model.getAttribute("restriction") != null);
            return VIEW;
        }
        SubjectRecords records = register.read(subject, chosen);
        model.addAttribute("subject", records.subject());
        model.addAttribute("records", records.records().stream().map(Shown::of).toList());
        model.addAttribute("choose", false);
        model.addAttribute("restricted", false);
        return VIEW;
    }

    /** The subject's restriction (GDPR Art. 18), if any, and whether the signed-in user may lift it (the officer). */
    private void restrictionSection(Model model, SubjectId subject, Authentication auth) {
        model.addAttribute("restriction", restrictions.restriction(subject).orElse(null));
        model.addAttribute("mayLift", auth.getAuthorities().stream()
                .anyMatch(a -> "ROLE_PRIVACY_OFFICER".equals(a.getAuthority())));
        if (!model.containsAttribute("liftReason")) {
            model.addAttribute("liftReason", "");
        }
    }

    /**
     * The privacy officer lifts a restriction (GDPR Art. 18(3)): the person is told by email first, then it is
     * lifted. A missing reason, or a restriction no one can be told about or that holds data kept under a legal
     * duty, shows the page again with the reason kept and the problem named.
     */
    @PostMapping("/console/register/subjects/{id}/restrictions/{restrictionId}/lift")
    @PreAuthorize(OFFICER)
    String lift(@PathVariable String id, @PathVariable String restrictionId, @RequestParam(defaultValue = "") String reason,
            Model model, Authentication auth, Locale locale, RedirectAttributes redirect) {
        SubjectId subject = SubjectId.parse(id);
        java.util.UUID rid;
        try {
            rid = java.util.UUID.fromString(restrictionId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("restrictionId", "is not an id", "error.field.id");
        }
        try {
            restrictions.lift(subject, rid, reason);
        } catch (InvalidInput e) {
            model.addAttribute("liftReason", reason);
            model.addAttribute("liftError", "register.restriction.lift.reasonRequired");
            return view(id, null, model, auth, locale);
        } catch (Conflict e) {
            model.addAttribute("liftReason", reason);
            model.addAttribute("liftError", "register.restriction.lift." + e.slug());
            return view(id, null, model, auth, locale);
        } catch (MailNotSent e) {
            // The person could not be told (Art. 18(3)): nothing was lifted, the officer may try again.
            model.addAttribute("liftReason", reason);
            model.addAttribute("liftError", "register.restriction.lift.mail-not-sent");
            return view(id, null, model, auth, locale);
        }
        redirect.addFlashAttribute("flashKey", "register.restriction.lifted");
        return "redirect:/console/register/subjects/" + subject;
    }

    @GetMapping("/console/register/subjects/{id}/history")
    @PreAuthorize(STAFF)
    String history(@PathVariable String id, Model model, Locale locale) {
        SubjectId subject = SubjectId.parse(id);
        model.addAttribute("subjectId", subject.toString());
        model.addAttribute("changes", register.history(subject));
        common(model, locale);
        return HISTORY;
    }

    @GetMapping("/console/register/new")
    @PreAuthorize(STAFF)
    String newForm(@RequestParam(required = false) @Nullable String purpose, Model model, Authentication auth,
            Locale locale) {
        SubjectForm form = new SubjectForm();
        String chosen = purpose != null && !purpose.isBlank() && register.mayUsePurpose(purpose) ? purpose
                : defaultPurpose(auth); // the form offers only the role's purposes (role × purpose matrix)
        form.setPurpose(chosen == null ? "customer-administration" : chosen);
        return form(model, form, null, Map.of(), locale);
    }

    @PostMapping("/console/register/new")
    @PreAuthorize(STAFF)
    String create(@ModelAttribute("form") SubjectForm form, Model model, RedirectAttributes redirect, Locale locale) {
        try {
            SubjectId id = register.register(new NewSubject(null, form.getKinds(), form.getPurpose(), form.getSource(),
                    form.organisation(), form.data()));
            redirect.addFlashAttribute("flashKey", "register.saved");
            return "redirect:/console/register/subjects/" + id + "?purpose=" + form.getPurpose();
        } catch (InvalidInput e) {
            return form(model, form, null, errors(e), locale);
        } catch (ConsentRequired e) {
            return form(model, form, null, Map.of("consent", e.getMessage()), locale);
        }
    }

    @GetMapping("/console/register/subjects/{id}/edit")
    @PreAuthorize(STAFF)
    String edit(@PathVariable String id, @RequestParam(required = false) @Nullable String purpose, Model model,
            Authentication auth, Locale locale) {
        SubjectId subject = SubjectId.parse(id);
        String chosen = purpose != null && !purpose.isBlank() ? purpose : defaultPurpose(auth);
        if (chosen == null) {
            return "redirect:/console/register/subjects/" + subject;
        }
        SubjectRecords records = register.read(subject, chosen);
        SubjectForm form = new SubjectForm();
        form.setPurpose(chosen);
        form.setVersion(records.subject().version());
        form.setKinds(EnumSet.copyOf(records.subject().kinds()));
        if (records.subject().organisation() != null) {
            form.setCompany(records.subject().organisation().name());
            form.setOrgNumber(records.subject().organisation().orgNumber());
            form.setBusinessAddress(records.subject().organisation().businessAddress());
        }
        for (RecordView r : records.records()) {
            fill(form, r);
        }
        return form(model, form, subject, Map.of(), locale);
    }

    @PostMapping("/console/register/subjects/{id}")
    @PreAuthorize(STAFF)
    String save(@PathVariable String id, @ModelAttribute("form") SubjectForm form, Model model,
            RedirectAttributes redirect, Locale locale) {
        SubjectId subject = SubjectId.parse(id);
        try {
            register.update(subject, form.getVersion(), new SubjectUpdate(form.getPurpose(), form.getSource(),
                    form.getKinds().isEmpty() ? null : form.getKinds(), form.organisation(), form.data()));
            redirect.addFlashAttribute("flashKey", "register.saved");
            return "redirect:/console/register/subjects/" + subject + "?purpose=" + form.getPurpose();
        } catch (InvalidInput e) {
            return form(model, form, subject, errors(e), locale);
        } catch (StaleSubjectVersion e) {
            return form(model, form, subject, Map.of("version", e.getMessage()), locale);
        } catch (ConsentRequired e) {
            return form(model, form, subject, Map.of("consent", e.getMessage()), locale);
        }
    }

    @PostMapping("/console/register/subjects/{id}/erase")
    @PreAuthorize(ERASERS)
    String erase(@PathVariable String id, RedirectAttributes redirect) {
        register.erase(SubjectId.parse(id));
        redirect.addFlashAttribute("flashKey", "register.erased");
        return "redirect:/console/register";
    }

    @GetMapping("/console/register/import")
    @PreAuthorize(IMPORTERS)
    String importPage(Model model) {
        if (!model.containsAttribute("csv")) {
            model.addAttribute("csv", "");
        }
        model.addAttribute("language", "nb");
        return IMPORT;
    }

    @PostMapping("/console/register/import")
    @PreAuthorize(IMPORTERS)
    String importCsv(@RequestParam(required = false) @Nullable String csv,
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "dry-run") String action, @RequestParam(defaultValue = "nb") String language,
            Model model, RedirectAttributes redirect) throws IOException {
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8)
                : csv == null ? "" : csv;
        boolean apply = action.equals("apply");
        try {
            ImportReport report = register.importCsv(text, ImportOptions.customerContacts(!apply, language));
            if (apply) {
                // flash attributes live in the JDBC session: counts only, no personal data
                redirect.addFlashAttribute("appliedValid", report.count(ImportReport.Status.VALID));
                redirect.addFlashAttribute("appliedDuplicate", report.count(ImportReport.Status.DUPLICATE));
                redirect.addFlashAttribute("appliedInvalid", report.count(ImportReport.Status.INVALID));
                redirect.addFlashAttribute("appliedConsent", report.count(ImportReport.Status.CONSENT_REQUIRED));
                redirect.addFlashAttribute("appliedErased", report.count(ImportReport.Status.ERASED_BEFORE));
                redirect.addFlashAttribute("flashKey", "register.import.applied");
                if (report.origin() != null && report.count(ImportReport.Status.VALID) > 0) {
                    // an opaque reference: the page links to the import's Art. 14 notices
                    redirect.addFlashAttribute("appliedOrigin", report.origin().substring("import:".length()));
                }
                return "redirect:/console/register/import";
            }
            model.addAttribute("report", report);
        } catch (InvalidInput e) {
            model.addAttribute("importError", true);
        }
        model.addAttribute("csv", text);
        model.addAttribute("language", "en".equals(language) ? "en" : "nb");
        return IMPORT;
    }

    private String form(Model model, SubjectForm form, @Nullable SubjectId subject, Map<String, String> errors,
            Locale locale) {
        common(model, locale);
        model.addAttribute("form", form);
        model.addAttribute("subjectId", subject == null ? "" : subject.toString());
        model.addAttribute("errors", errors);
        model.addAttribute("categories", processing.isKnownPurpose(form.getPurpose())
                ? processing.dataCategoriesOf(form.getPurpose()) : List.of());
        model.addAttribute("kinds", register.visibleKinds().stream().sorted().toList());
        model.addAttribute("sources", Source.values());
        return FORM;
    }

    private void common(Model model, Locale locale) {
        Map<String, String> purposes = new LinkedHashMap<>();
        for (Purpose p : processing.current().document().purposes()) {
            if (register.mayUsePurpose(p.key())) { // role × purpose matrix: offer only the role's purposes
                purposes.put(p.key(), p.name().in(locale));
            }
        }
        model.addAttribute("purposes", purposes);
        Map<String, String> categoryNames = new LinkedHashMap<>();
        for (String key : Categories.ALL) {
            categoryNames.put(key, processing.current().document().dataCategory(key).map(c -> c.name().in(locale))
                    .orElse(key));
        }
        model.addAttribute("categoryNames", categoryNames);
        model.addAttribute("mayErase", false);
    }

    private static void fill(SubjectForm form, RecordView r) {
        switch (r.category()) {
            case Categories.NAME -> form.setName(r.value());
            case Categories.EMAIL -> form.setEmail(r.value());
            case Categories.PHONE -> form.setPhone(r.value());
            case Categories.POSTAL_ADDRESS -> {
                String[] lines = r.value().split("\n", -1);
                form.setStreet(lines[0]);
                form.setPostcode(lines.length > 1 ? lines[1] : "");
                form.setCity(lines.length > 2 ? lines[2] : "");
                form.setCountry(lines.length > 3 ? lines[3] : "NO");
            }
            case Categories.PURCHASE_HISTORY -> form.setPurchaseHistory(r.value());
            case Categories.BANK_INFORMATION -> form.setBankAccount(r.value());
            case Categories.CV -> {
                if (!r.value().startsWith("attachment:")) {
                    form.setCv(r.value());
                }
            }
            case Categories.RECRUITER_NOTES -> form.setRecruiterNotes(r.value());
            default -> {
            }
        }
    }

    private Map<String, String> errors(InvalidInput e) {
        Map<String, String> map = new LinkedHashMap<>();
        for (InvalidInput.FieldError error : e.errors()) {
            map.putIfAbsent(error.field(), labels.error(error));
        }
        return map;
    }

    private static @Nullable String defaultPurpose(Authentication auth) {
        List<String> found = new ArrayList<>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (Set.of("ROLE_PRIVACY_OFFICER", "ROLE_CASE_HANDLER").contains(a.getAuthority())) {
                return null; // they choose
            }
            String purpose = DEFAULT_PURPOSE.get(a.getAuthority());
            if (purpose != null) {
                found.add(purpose);
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
