package no.vern.identity.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
import no.vern.shared.NotFound;

/** Console pages where the privacy officer manages staff accounts and their roles. */
@Controller
@RequestMapping("/console/identity")
@PreAuthorize("hasRole('PRIVACY_OFFICER')")
class UsersController {

    static final String LIST_VIEW = "identity/users";
    static final String DETAIL_VIEW = "identity/user";

    private final StaffAccounts accounts;
    private final java.time.Clock clock;
    private final Labels labels;

    UsersController(StaffAccounts accounts, java.time.Clock clock, Labels labels) {
        this.labels = labels;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** What the create form holds, kept when it is re-rendered with errors (never the password). */
    record NewUserForm(String username, Set<Role> roles) {
    }

    @GetMapping
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String index() {
        return "redirect:/console/identity/users";
    }

    @GetMapping("/users")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String list(Model model) {
        return renderList(model, new NewUserForm("", Set.of()), Map.of());
    }

    @PostMapping("/users")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) List<Role> roles, Model model, RedirectAttributes redirect) {
        Set<Role> chosen = roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        try {
            StaffAccount created = accounts.create(username, password, chosen);
            redirect.addFlashAttribute("flashKey", "identity.user.created");
            return "redirect:/console/identity/users/" + created.id();
        } catch (InvalidInput e) {
            return renderList(model, new NewUserForm(username, chosen), formErrors(e));
        } catch (Conflict e) {
            return renderList(model, new NewUserForm(username, chosen), Map.of("username", labels.problem(e)));
        }
    }

    @GetMapping("/users/{id}")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String detail(@PathVariable UUID id, Model model) {
        return renderDetail(id, model, Map.of());
    }

    @PostMapping("/users/{id}/roles")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String roles(@PathVariable UUID id, @RequestParam(required = false) List<Role> roles, Model model,
            RedirectAttributes redirect) {
        try {
            accounts.changeRoles(id, roles == null ? Set.of() : EnumSet.copyOf(roles));
        } catch (InvalidInput e) {
            return renderDetail(id, model, formErrors(e));
        }
        redirect.addFlashAttribute("flashKey", "identity.user.saved");
        return "redirect:/console/identity/users/" + id;
    }

    @PostMapping("/users/{id}/enabled")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String enabled(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        accounts.setEnabled(id, enabled);
        redirect.addFlashAttribute("flashKey", "identity.user.saved");
        return "redirect:/console/identity/users/" + id;
    }

    @PostMapping("/users/{id}/unlock")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String unlock(@PathVariable UUID id, RedirectAttributes redirect) {
        accounts.unlock(id);
        redirect.addFlashAttribute("flashKey", "identity.user.saved");
        return "redirect:/console/identity/users/" + id;
    }

    @PostMapping("/users/{id}/two-factor/reset")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String resetTwoFactor(@PathVariable UUID id, RedirectAttributes redirect) {
        accounts.resetTwoFactor(id);
        redirect.addFlashAttribute("flashKey", "identity.twoFactor.resetFlash");
        return "redirect:/console/identity/users/" + id;
    }

    @PostMapping("/users/{id}/password")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String password(@PathVariable UUID id, @RequestParam(defaultValue = "") String password, Model model,
            RedirectAttributes redirect) {
        try {
            accounts.resetPassword(id, password);
        } catch (InvalidInput e) {
            return renderDetail(id, model, formErrors(e));
        }
        redirect.addFlashAttribute("flashKey", "identity.user.passwordReset");
        return "redirect:/console/identity/users/" + id;
    }

    private String renderList(Model model, NewUserForm form, Map<String, String> errors) {
        model.addAttribute("users", accounts.list());
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("now", clock.instant());
        return LIST_VIEW;
    }

    private String renderDetail(UUID id, Model model, Map<String, String> errors) {
        model.addAttribute("user", accounts.find(id).orElseThrow(() -> new NotFound("User", id)));
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("errors", errors);
        model.addAttribute("now", clock.instant());
        return DETAIL_VIEW;
    }

    /** Each field's reason in the page's language (several for one field joined). */
    static Map<String, String> errors(InvalidInput e, Labels labels) {
        return e.errors().stream().collect(Collectors.toMap(InvalidInput.FieldError::field, labels::error,
                (a, b) -> a + "; " + b));
    }

    /** Field errors for the form in the person's language (the API keeps the English detail). */
    private Map<String, String> formErrors(InvalidInput e) {
        return errors(e, labels);
    }
}
