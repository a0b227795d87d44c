package no.vern.vendors.web;

import java.time.LocalDate;
import java.util.EnumSet;
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
import no.vern.shared.FormFields;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
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
    private final Labels labels;

    VendorConsoleController(VendorRegister register, ProcessingRecord record, no.vern.vendors.AgreementDocuments documents,
            Labels labels) {
        this.documents = documents;
        this.labels = labels;
        this.register = register;
        this.record = record;
    }

    /** The vendor form as typed. */
    public record VendorForm(String name, String role, String parentId, String jointArrangement, List<String> activities,
            List<String> dataCategories, String securityMeasures, String subProcessorNoticeDays, String lastReview,
            String nextReview, String notes) {

        static VendorForm empty() {
            // No notice period is assumed: it is what the agreement says (Art. 28(2)).
            return new VendorForm("", "PROCESSOR", "", "", List.of(), List.of(), "", "", "", "", "");
        }

        static VendorForm of(Vendor v) {
            return new VendorForm(v.name(), v.role().name(), v.parentId() == null ? "" : v.parentId().toString(),
                    v.jointArrangement() == null ? "" : v.jointArrangement(), v.activities(), v.dataCategories(),
                    v.securityMeasures(), v.subProcessorNoticeDays() == null ? "" : v.subProcessorNoticeDays().toString(),
                    v.lastReview() == null ? "" : v.lastReview().toString(),
                    v.nextReview() == null ? "" : v.nextReview().toString(), v.notes());
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
        FormFields fields = new FormFields(params);
        try {
            Vendor v = register.create(input(form, fields));
            redirect.addFlashAttribute("flashKey", "vendors.saved");
            return "redirect:/console/vendors/" + v.id();
        } catch (InvalidInput e) {
            fields.add(e);
        } catch (Conflict e) {
            refused(fields, "name", e);
        }
        return listView(model, form, labels.errors(fields.errors()));
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
        FormFields fields = new FormFields(params);
        try {
            register.update(id, input(form, fields));
            redirect.addFlashAttribute("flashKey", "vendors.saved");
            return "redirect:/console/vendors/" + id;
        } catch (InvalidInput e) {
            fields.add(e);
        } catch (Conflict e) {
            refused(fields, "name", e);
        }
        return vendorView(model, v, form, labels.errors(fields.errors()), TransferForm.empty(), Map.of(), Map.of());
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
        FormFields fields = new FormFields();
        LocalDate on = fields.requiredDate("reviewedOn", reviewedOn);
        LocalDate next = fields.requiredDate("nextReview", nextReview);
        if (on != null && next != null) {
            try {
                register.reviewed(id, on, next);
                redirect.addFlashAttribute("flashKey", "vendors.reviewed");
                return "redirect:/console/vendors/" + id;
            } catch (InvalidInput e) {
                fields.add(e);
            }
        }
        model.addAttribute("reviewErrors", labels.errors(fields.errors()));
        return vendorView(model, v, VendorForm.of(v), Map.of(), TransferForm.empty(), Map.of(), Map.of());
    }

    @PostMapping("/console/vendors/{id}/agreements")
    @PreAuthorize(WRITE)
    String addAgreement(@PathVariable UUID id, @RequestParam(defaultValue = "") String version,
            @RequestParam(defaultValue = "") String signedOn, @RequestParam(defaultValue = "") String expiresOn,
            @RequestParam(name = "clauses", required = false) @Nullable List<DpaClause> clauses, Model model,
            RedirectAttributes redirect) {
        Vendor v = register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id));
        FormFields fields = new FormFields();
        LocalDate signed = fields.requiredDate("signedOn", signedOn);
        LocalDate expires = fields.date("expiresOn", expiresOn);
        Set<DpaClause> checked = clauses == null || clauses.isEmpty() ? EnumSet.noneOf(DpaClause.class) : EnumSet.copyOf(clauses);
        if (signed != null && fields.valid()) {
            try {
                register.addAgreement(id, version, signed, expires, checked);
                redirect.addFlashAttribute("flashKey", "vendors.agreement.saved");
                return "redirect:/console/vendors/" + id;
            } catch (InvalidInput e) {
                fields.add(e);
            } catch (Conflict e) {
                refused(fields, "version", e);
            }
        }
        model.addAttribute("agreementForm", Map.of("version", version, "signedOn", signedOn, "expiresOn", expiresOn));
        model.addAttribute("agreementClauses", checked);
        return vendorView(model, v, VendorForm.of(v), Map.of(), TransferForm.empty(), Map.of(),
                labels.errors(fields.errors()));
    }

    @PostMapping("/console/vendors/{id}/transfers")
    @PreAuthorize(WRITE)
    String addTransfer(@PathVariable UUID id, @RequestParam Map<String, String> params, Model model,
            RedirectAttributes redirect) {
        Vendor v = register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id));
        FormFields fields = new FormFields(params);
        TransferForm form = new TransferForm(fields.text("country"), fields.text("mechanism"), fields.text("sccModule"),
                fields.text("dpfCertifiedUntil"), fields.text("dpfCheckedOn"), fields.text("derogation"),
                fields.text("tiaOutcome"), fields.text("tiaOn"), fields.text("supplementaryMeasures"));
        TransferInput input = new TransferInput(form.country(), FormFields.enumOf(TransferMechanism.class, form.mechanism()),
                FormFields.enumOf(SccModule.class, form.sccModule()),
                fields.date("dpfCertifiedUntil", form.dpfCertifiedUntil()), fields.date("dpfCheckedOn", form.dpfCheckedOn()),
                FormFields.enumOf(Derogation.class, form.derogation()), FormFields.enumOf(TiaOutcome.class, form.tiaOutcome()),
                fields.date("tiaOn", form.tiaOn()), form.supplementaryMeasures());
        if (fields.valid()) {
            try {
                register.addTransfer(id, input);
                redirect.addFlashAttribute("flashKey", "vendors.transfer.saved");
                return "redirect:/console/vendors/" + id;
            } catch (InvalidInput e) {
                fields.add(e);
            } catch (Conflict e) {
                refused(fields, "country", e);
            }
        }
        return vendorView(model, v, VendorForm.of(v), Map.of(), form, labels.errors(fields.errors()), Map.of());
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
        } catch (InvalidInput e) {
            model.addAttribute("acceptErrors", Map.of(transferId.toString(), labels.error(e.errors().get(0))));
            model.addAttribute("acceptReason", reason);
        } catch (Conflict e) {
            model.addAttribute("acceptErrors", Map.of(transferId.toString(), labels.problem(e)));
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
        return new VendorForm(FormFields.text(params, "name"), FormFields.text(params, "role"),
                FormFields.text(params, "parentId"), FormFields.text(params, "jointArrangement"),
                activities == null ? List.of() : activities, categories == null ? List.of() : categories,
                FormFields.text(params, "securityMeasures"), FormFields.text(params, "subProcessorNoticeDays"),
                FormFields.text(params, "lastReview"), FormFields.text(params, "nextReview"),
                FormFields.text(params, "notes"));
    }

    private static VendorInput input(VendorForm form, FormFields fields) {
        UUID parent = null;
        if (!form.parentId().isBlank()) {
            try {
                parent = UUID.fromString(form.parentId().strip());
            } catch (IllegalArgumentException e) {
                fields.reject("parentId", "must be a registered processor", "vendors.error.parent");
            }
        }
        Integer notice = fields.wholeNumber("subProcessorNoticeDays", form.subProcessorNoticeDays());
        LocalDate last = fields.date("lastReview", form.lastReview());
        LocalDate next = fields.date("nextReview", form.nextReview());
        VendorInput input = new VendorInput(form.name(), FormFields.enumOf(VendorRole.class, form.role()), parent,
                form.jointArrangement(), form.activities(), form.dataCategories(), form.securityMeasures(), notice, last,
                next, form.notes());
        fields.throwIfInvalid(input::validate);
        return input;
    }

    /** A conflict with the register's state, said against the field it concerns in the page's language. */
    private static void refused(FormFields fields, String field, Conflict e) {
        fields.reject(field, String.valueOf(e.getMessage()), "problem." + e.slug());
    }
}
