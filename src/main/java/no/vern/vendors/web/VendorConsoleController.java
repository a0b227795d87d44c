package no.vern.vendors.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.processing.ProcessingRecord;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.vendors.Agreement;
import no.vern.vendors.DpaClause;
import no.vern.vendors.Derogation;
import no.vern.vendors.SccModule;
import no.vern.vendors.TiaOutcome;
import no.vern.vendors.Transfer;
import no.vern.vendors.TransferInput;
import no.vern.vendors.TransferMechanism;
import no.vern.vendors.Vendor;
import no.vern.vendors.VendorInput;
import no.vern.vendors.VendorRegister;
import no.vern.vendors.VendorRole;

/**
 * The vendor register in the console: every vendor with its agreement and transfers (privacy officer writes, the
 * auditor reads). Forms keep what was typed when they are refused.
 */
@Controller
class VendorConsoleController {

    static final String READ = "hasAnyRole('PRIVACY_OFFICER','AUDITOR')";
    static final String WRITE = "hasRole('PRIVACY_OFFICER')";

    private final VendorRegister register;
    private final ProcessingRecord record;

    private final no.vern.vendors.AgreementDocuments documents;

    VendorConsoleController(VendorRegister register, ProcessingRecord record, no.vern.vendors.AgreementDocuments documents) {
        this.documents = documents;
        this.register = register;
        this.record = record;
    }

    /** The vendor form as typed. */
    public record VendorForm(String name, String role, String parentId, String jointArrangement, List<String> activities,
            List<String> dataCategories, String securityMeasures, String subProcessorNoticeDays, String lastReview,
            String nextReview) {

        static VendorForm empty() {
            return new VendorForm("", "PROCESSOR", "", "", List.of(), List.of(), "", "30", "", "");
        }

        static VendorForm of(Vendor v) {
            return new VendorForm(v.name(), v.role().name(), v.parentId() == null ? "" : v.parentId().toString(),
                    v.jointArrangement() == null ? "" : v.jointArrangement(), v.activities(), v.dataCategories(),
                    v.securityMeasures(), v.subProcessorNoticeDays() == null ? "" : v.subProcessorNoticeDays().toString(),
                    v.lastReview() == null ? "" : v.lastReview().toString(),
                    v.nextReview() == null ? "" : v.nextReview().toString());
        }
    }

    /** The transfer form as typed. */
    public record TransferForm(String country, String mechanism, String sccModule, String dpfCertifiedUntil,
            String dpfCheckedOn, String derogation, String tiaOutcome, String tiaOn, String supplementaryMeasures) {

        static TransferForm empty() {
            return new TransferForm("", "STANDARD_CONTRACTUAL_CLAUSES", "CONTROLLER_TO_PROCESSOR", "", "", "",
                    "NOT_ASSESSED", "", "");
        }
    }

    /** A vendor's row on the list. */
    public record Row(Vendor vendor, @Nullable Agreement agreement, int transfers, int blocking) {
    }

    @GetMapping("/console/vendors")
    @PreAuthorize(READ)
    String list(Model model) {
        return listView(model, VendorForm.empty(), Map.of());
    }

    @PostMapping("/console/vendors")
    @PreAuthorize(WRITE)
    String create(@RequestParam Map<String, String> params,
            @RequestParam(name = "activities", required = false) @Nullable List<String> activities,
            @RequestParam(name = "dataCategories", required = false) @Nullable List<String> categories, Model model,
            RedirectAttributes redirect) {
        VendorForm form = form(params, activities, categories);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            Vendor v = register.create(input(form, errors));
            redirect.addFlashAttribute("flashKey", "vendors.saved");
            return "redirect:/console/vendors/" + v.id();
        } catch (InvalidInput e) {
            e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
        } catch (Conflict e) {
            errors.put("name", e.getMessage());
        }
        return listView(model, form, errors);
    }

    @GetMapping("/console/vendors/{id}")
    @PreAuthorize(READ)
    String show(@PathVariable UUID id, Model model) {
        Vendor v = register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id));
        return vendorView(model, v, VendorForm.of(v), Map.of(), TransferForm.empty(), Map.of(), Map.of());
    }

    @PostMapping("/console/vendors/{id}")
    @PreAuthorize(WRITE)
    String update(@PathVariable UUID id, @RequestParam Map<String, String> params,
            @RequestParam(name = "activities", required = false) @Nullable List<String> activities,
            @RequestParam(name = "dataCategories", required = false) @Nullable List<String> categories, Model model,
            RedirectAttributes redirect) {
        Vendor v = register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id));
        VendorForm form = form(params, activities, categories);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            register.update(id, input(form, errors));
            redirect.addFlashAttribute("flashKey", "vendors.saved");
            return "redirect:/console/vendors/" + id;
        } catch (InvalidInput e) {
            e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
        } catch (Conflict e) {
            errors.put("name", e.getMessage());
        }
        return vendorView(model, v, form, errors, TransferForm.empty(), Map.of(), Map.of());
    }

    @PostMapping("/console/vendors/{id}/delete")
    @PreAuthorize(WRITE)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            register.delete(id);
            redirect.addFlashAttribute("flashKey", "vendors.deleted");
            return "redirect:/console/vendors";
        } catch (Conflict e) {
            redirect.addFlashAttribute("flashKey", "vendors.deleteRefused");
            return "redirect:/console/vendors/" + id;
        }
    }

    @PostMapping("/console/vendors/{id}/review")
    @PreAuthorize(WRITE)
    String review(@PathVariable UUID id, @RequestParam(defaultValue = "") String reviewedOn,
            @RequestParam(defaultValue = "") String nextReview, Model model, RedirectAttributes redirect) {
        Vendor v = register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id));
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate on = date(reviewedOn, "reviewedOn", errors);
        LocalDate next = date(nextReview, "nextReview", errors);
        if (on != null && next != null) {
            try {
                register.reviewed(id, on, next);
                redirect.addFlashAttribute("flashKey", "vendors.reviewed");
                return "redirect:/console/vendors/" + id;
            } catch (InvalidInput e) {
                e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
            }
        }
        model.addAttribute("reviewErrors", errors);
        return vendorView(model, v, VendorForm.of(v), Map.of(), TransferForm.empty(), Map.of(), Map.of());
    }

    @PostMapping("/console/vendors/{id}/agreements")
    @PreAuthorize(WRITE)
    String addAgreement(@PathVariable UUID id, @RequestParam(defaultValue = "") String version,
            @RequestParam(defaultValue = "") String signedOn, @RequestParam(defaultValue = "") String expiresOn,
            @RequestParam(name = "clauses", required = false) @Nullable List<DpaClause> clauses, Model model,
            RedirectAttributes redirect) {
        Vendor v = register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id));
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate signed = date(signedOn, "signedOn", errors);
        LocalDate expires = expiresOn.isBlank() ? null : date(expiresOn, "expiresOn", errors);
        Set<DpaClause> checked = clauses == null || clauses.isEmpty() ? EnumSet.noneOf(DpaClause.class) : EnumSet.copyOf(clauses);
        if (signed != null && errors.isEmpty()) {
            try {
                register.addAgreement(id, version, signed, expires, checked);
                redirect.addFlashAttribute("flashKey", "vendors.agreement.saved");
                return "redirect:/console/vendors/" + id;
            } catch (InvalidInput e) {
                e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
            } catch (Conflict e) {
                errors.put("version", e.getMessage());
            }
        }
        model.addAttribute("agreementForm", Map.of("version", version, "signedOn", signedOn, "expiresOn", expiresOn));
        model.addAttribute("agreementClauses", checked);
        return vendorView(model, v, VendorForm.of(v), Map.of(), TransferForm.empty(), Map.of(), errors);
    }

    @PostMapping("/console/vendors/{id}/transfers")
    @PreAuthorize(WRITE)
    String addTransfer(@PathVariable UUID id, @RequestParam Map<String, String> params, Model model,
            RedirectAttributes redirect) {
        Vendor v = register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id));
        TransferForm form = new TransferForm(p(params, "country"), p(params, "mechanism"), p(params, "sccModule"),
                p(params, "dpfCertifiedUntil"), p(params, "dpfCheckedOn"), p(params, "derogation"),
                p(params, "tiaOutcome"), p(params, "tiaOn"), p(params, "supplementaryMeasures"));
        Map<String, String> errors = new LinkedHashMap<>();
        TransferInput input = new TransferInput(form.country(), enumOf(TransferMechanism.class, form.mechanism()),
                enumOf(SccModule.class, form.sccModule()),
                form.dpfCertifiedUntil().isBlank() ? null : date(form.dpfCertifiedUntil(), "dpfCertifiedUntil", errors),
                form.dpfCheckedOn().isBlank() ? null : date(form.dpfCheckedOn(), "dpfCheckedOn", errors),
                enumOf(Derogation.class, form.derogation()), enumOf(TiaOutcome.class, form.tiaOutcome()),
                form.tiaOn().isBlank() ? null : date(form.tiaOn(), "tiaOn", errors), form.supplementaryMeasures());
        if (errors.isEmpty()) {
            try {
                register.addTransfer(id, input);
                redirect.addFlashAttribute("flashKey", "vendors.transfer.saved");
                return "redirect:/console/vendors/" + id;
            } catch (InvalidInput e) {
                e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
            } catch (Conflict e) {
                errors.put("country", e.getMessage());
            }
        }
        return vendorView(model, v, VendorForm.of(v), Map.of(), form, errors, Map.of());
    }

    @PostMapping("/console/vendors/{id}/transfers/{transferId}/accept")
    @PreAuthorize(WRITE)
    String accept(@PathVariable UUID id, @PathVariable UUID transferId, @RequestParam(defaultValue = "") String reason,
            Model model, RedirectAttributes redirect) {
        Vendor v = register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id));
        try {
            register.accept(id, transferId, reason);
            redirect.addFlashAttribute("flashKey", "vendors.transfer.accepted");
            return "redirect:/console/vendors/" + id;
        } catch (InvalidInput | Conflict e) {
            model.addAttribute("acceptErrors", Map.of(transferId.toString(), e.getMessage()));
            model.addAttribute("acceptReason", reason);
        }
        return vendorView(model, v, VendorForm.of(v), Map.of(), TransferForm.empty(), Map.of(), Map.of());
    }

    @PostMapping("/console/vendors/{id}/transfers/{transferId}/delete")
    @PreAuthorize(WRITE)
    String deleteTransfer(@PathVariable UUID id, @PathVariable UUID transferId, RedirectAttributes redirect) {
        register.deleteTransfer(id, transferId);
        redirect.addFlashAttribute("flashKey", "vendors.transfer.deleted");
        return "redirect:/console/vendors/" + id;
    }

    private String listView(Model model, VendorForm form, Map<String, String> errors) {
        List<Transfer> transfers = register.transfers();
        List<Row> rows = register.vendors().stream().map(v -> {
            List<Transfer> own = transfers.stream().filter(t -> t.vendorId().equals(v.id())).toList();
            int blocking = (int) own.stream().filter(t -> !register.hasValidMechanism(t) && !t.accepted()).count();
            return new Row(v, register.agreementInForce(v.id()).orElse(null), own.size(), blocking);
        }).toList();
        model.addAttribute("rows", rows);
        common(model, form, errors);
        return "vendors/list";
    }

    private String vendorView(Model model, Vendor v, VendorForm form, Map<String, String> errors, TransferForm transfer,
            Map<String, String> transferErrors, Map<String, String> agreementErrors) {
        model.addAttribute("vendor", v);
        model.addAttribute("parent", v.parentId() == null ? null : register.vendor(v.parentId()).orElse(null));
        model.addAttribute("subProcessors", register.vendors().stream().filter(s -> v.id().equals(s.parentId())).toList());
        model.addAttribute("agreements", register.agreements(v.id()));
        model.addAttribute("documents", documents.of(v.id()));
        List<Transfer> transfers = register.transfers(v.id());
        model.addAttribute("transfers", transfers);
        model.addAttribute("valid", transfers.stream().collect(java.util.stream.Collectors.toMap(t -> t.id().toString(),
                register::hasValidMechanism)));
        model.addAttribute("transferForm", transfer);
        model.addAttribute("transferErrors", transferErrors);
        model.addAttribute("agreementErrors", agreementErrors);
        if (!model.containsAttribute("agreementForm")) {
            model.addAttribute("agreementForm", Map.of("version", "", "signedOn", "", "expiresOn", ""));
            model.addAttribute("agreementClauses", EnumSet.allOf(DpaClause.class));
        }
        if (!model.containsAttribute("reviewErrors")) {
            model.addAttribute("reviewErrors", Map.of());
        }
        if (!model.containsAttribute("acceptErrors")) {
            model.addAttribute("acceptErrors", Map.of());
            model.addAttribute("acceptReason", "");
        }
        model.addAttribute("mechanisms", TransferMechanism.values());
        model.addAttribute("sccModules", SccModule.values());
        model.addAttribute("derogations", Derogation.values());
        model.addAttribute("tiaOutcomes", TiaOutcome.values());
        model.addAttribute("clauses", DpaClause.values());
        common(model, form, errors);
        return "vendors/vendor";
    }

    private void common(Model model, VendorForm form, Map<String, String> errors) {
        var doc = record.current().document();
        model.addAttribute("activities", doc.activities());
        model.addAttribute("dataCategories", doc.dataCategories());
        model.addAttribute("processors", register.vendors().stream().filter(p -> p.role().needsAgreement()).toList());
        model.addAttribute("roles", VendorRole.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("officer", Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER"));
    }

    private static VendorForm form(Map<String, String> params, @Nullable List<String> activities,
            @Nullable List<String> categories) {
        return new VendorForm(p(params, "name"), p(params, "role"), p(params, "parentId"), p(params, "jointArrangement"),
                activities == null ? List.of() : activities, categories == null ? List.of() : categories,
                p(params, "securityMeasures"), p(params, "subProcessorNoticeDays"), p(params, "lastReview"),
                p(params, "nextReview"));
    }

    private static VendorInput input(VendorForm form, Map<String, String> errors) {
        UUID parent = null;
        if (!form.parentId().isBlank()) {
            try {
                parent = UUID.fromString(form.parentId().strip());
            } catch (IllegalArgumentException e) {
                errors.put("parentId", "must be a registered processor");
            }
        }
        Integer notice = null;
        if (!form.subProcessorNoticeDays().isBlank()) {
            try {
                notice = Integer.valueOf(form.subProcessorNoticeDays().strip());
            } catch (NumberFormatException e) {
                errors.put("subProcessorNoticeDays", "must be a whole number of days");
            }
        }
        LocalDate last = form.lastReview().isBlank() ? null : date(form.lastReview(), "lastReview", errors);
        LocalDate next = form.nextReview().isBlank() ? null : date(form.nextReview(), "nextReview", errors);
        VendorInput input = new VendorInput(form.name(), enumOf(VendorRole.class, form.role()), parent,
                form.jointArrangement(), form.activities(), form.dataCategories(), form.securityMeasures(), notice, last,
                next);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors.entrySet().stream()
                    .map(e -> new InvalidInput.FieldError(e.getKey(), e.getValue())).toList());
        }
        return input;
    }

    private static String p(Map<String, String> params, String name) {
        String value = params.get(name);
        return value == null ? "" : value;
    }

    private static @Nullable LocalDate date(String raw, String field, Map<String, String> errors) {
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "must be a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static <E extends Enum<E>> @Nullable E enumOf(Class<E> type, String raw) {
        try {
            return raw.isBlank() ? null : Enum.valueOf(type, raw.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
