package no.vern.training.web;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.jspecify.annotations.Nullable;

import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.training.NewTraining;
import no.vern.training.TrainingRegister;
import no.vern.training.TrainingStatus;

/**
 * The training report for the privacy officer and the auditor: who is overdue, the completion
 * rate over time (server-rendered SVG), and the officer's forms to define trainings and record
 * completions.
 */
@Controller
class TrainingConsoleController {

    static final String REPORT = "training/report";
    static final String READ = "hasAnyRole('PRIVACY_OFFICER','AUDITOR')";
    static final String WRITE = "hasRole('PRIVACY_OFFICER')";

    private final TrainingRegister register;
    private final StaffAccounts accounts;

    private final no.vern.shared.Labels labels;

    TrainingConsoleController(TrainingRegister register, StaffAccounts accounts, no.vern.shared.Labels labels) {
        this.labels = labels;
        this.register = register;
        this.accounts = accounts;
    }

    /** The define form as typed, kept when re-rendered with errors. */
    public record TrainingForm(String title, String version, String materialUrl, Set<Role> requiredFor, String renewalMonths) {
    }

    @GetMapping("/console/training")
    @PreAuthorize(READ)
    String report(Model model, Authentication auth) {
        return render(model, auth, new TrainingForm("", "", "https://", Set.of(), "12"), Map.of());
    }

    @PostMapping("/console/training/courses")
    @PreAuthorize(WRITE)
    String define(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String version,
            @RequestParam(defaultValue = "") String materialUrl, @RequestParam(required = false) @Nullable List<Role> requiredFor,
            @RequestParam(defaultValue = "") String renewalMonths, Model model, Authentication auth,
            RedirectAttributes redirect) {
        Set<Role> roles = requiredFor == null || requiredFor.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(requiredFor);
        TrainingForm form = new TrainingForm(title, version, materialUrl, roles, renewalMonths);
        no.vern.shared.FormFields fields = new no.vern.shared.FormFields();
        Integer months = renewalMonths.isBlank() ? null : fields.wholeNumber("renewalMonths", renewalMonths);
        if (months == null) {
            fields.reject("renewalMonths", "must be a whole number of months", "error.field.wholeNumber");
            return render(model, auth, form, labels.errors(fields.errors()));
        }
        try {
            register.define(new NewTraining(title, version, materialUrl, roles, months));
        } catch (InvalidInput e) {
            return render(model, auth, form, labels.errors(e.errors()));
        } catch (Conflict e) {
            return render(model, auth, form, Map.of("version", labels.problem(e)));
        }
        redirect.addFlashAttribute("flashKey", "training.defined");
        return "redirect:/console/training";
    }

    @PostMapping("/console/training/completions")
    @PreAuthorize(WRITE)
    String complete(@RequestParam UUID trainingId, @RequestParam UUID staffId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate completedOn, Model model,
            Authentication auth, RedirectAttributes redirect) {
        try {
            register.recordCompletion(trainingId, staffId, completedOn);
        } catch (InvalidInput | NotFound e) {
            Map<String, String> errors = Map.of("completedOn", e instanceof InvalidInput invalid
                    ? labels.error(invalid.errors().get(0)) : labels.problem(e));
            model.addAttribute("completionErrors", errors);
            return render(model, auth, new TrainingForm("", "", "https://", Set.of(), "12"), Map.of());
        }
        redirect.addFlashAttribute("flashKey", "training.completion.recorded");
        return "redirect:/console/training";
    }

    private String render(Model model, Authentication auth, TrainingForm form, Map<String, String> errors) {
        List<TrainingStatus> statuses = register.statuses();
        model.addAttribute("trainings", register.trainings());
        model.addAttribute("statuses", statuses);
        model.addAttribute("overdue", statuses.stream().filter(TrainingStatus::overdue).toList());
        model.addAttribute("chart", RateChart.of(register.completionRate(12)));
        model.addAttribute("staff", accounts.list().stream().filter(StaffAccount::enabled).toList());
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("completionErrors")) {
            model.addAttribute("completionErrors", Map.of());
        }
        model.addAttribute("officer", auth.getAuthorities().stream()
                .anyMatch(a -> Role.PRIVACY_OFFICER.authority().equals(a.getAuthority())));
        return REPORT;
    }
}
