package no.vern.training.web;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.shared.InvalidInput;
import no.vern.training.AccessReviews;
import no.vern.training.Offboarding;

/**
 * The quarterly access review: the privacy officer confirms or changes each account's roles,
 * confirms or revokes each token, and disables leavers in one action; the auditor reads it.
 */
@Controller
class AccessReviewController {

    static final String PAGE = "training/access-review";
    private static final String BACK = "redirect:/console/training/access-review";

    private final AccessReviews reviews;
    private final StaffAccounts accounts;

    AccessReviewController(AccessReviews reviews, StaffAccounts accounts) {
        this.reviews = reviews;
        this.accounts = accounts;
    }

    @GetMapping("/console/training/access-review")
    @PreAuthorize(TrainingConsoleController.READ)
    String page(Model model, Authentication auth) {
        model.addAttribute("review", reviews.current());
        model.addAttribute("allRoles", Role.values());
        // How each account signs in (password or which identity provider) and when it last did (issue 25).
        model.addAttribute("accounts", accounts.list().stream()
                .collect(java.util.stream.Collectors.toMap(a -> a.id().toString(), a -> a)));
        model.addAttribute("providers", accounts.signInProviders());
        model.addAttribute("zone", no.vern.shared.VernClock.ZONE);
        model.addAttribute("officer", auth.getAuthorities().stream()
                .anyMatch(a -> Role.PRIVACY_OFFICER.authority().equals(a.getAuthority())));
        return PAGE;
    }

    @PostMapping("/console/training/access-review/accounts/{id}/confirm")
    @PreAuthorize(TrainingConsoleController.WRITE)
    String confirmAccount(@PathVariable UUID id, RedirectAttributes redirect) {
        reviews.confirmAccount(id);
        redirect.addFlashAttribute("flashKey", "training.review.saved");
        return BACK;
    }

    @PostMapping("/console/training/access-review/accounts/{id}/roles")
    @PreAuthorize(TrainingConsoleController.WRITE)
    String changeRoles(@PathVariable UUID id, @RequestParam(required = false) @Nullable List<Role> roles,
            RedirectAttributes redirect) {
        try {
            reviews.changeRoles(id, roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
            redirect.addFlashAttribute("flashKey", "training.review.saved");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("flashKey", "training.review.keep-one-role");
        }
        return BACK;
    }

    @PostMapping("/console/training/access-review/accounts/{id}/leaver")
    @PreAuthorize(TrainingConsoleController.WRITE)
    String leaver(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            Offboarding done = reviews.offboard(id);
            redirect.addFlashAttribute("flashKey", done.tokensRevoked() > 0 ? "training.review.leaver-tokens"
                    : "training.review.leaver");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("flashKey", "training.review.not-self");
        }
        return BACK;
    }

    @PostMapping("/console/training/access-review/tokens/{id}/confirm")
    @PreAuthorize(TrainingConsoleController.WRITE)
    String confirmToken(@PathVariable UUID id, RedirectAttributes redirect) {
        reviews.confirmToken(id);
        redirect.addFlashAttribute("flashKey", "training.review.saved");
        return BACK;
    }

    @PostMapping("/console/training/access-review/tokens/{id}/revoke")
    @PreAuthorize(TrainingConsoleController.WRITE)
    String revokeToken(@PathVariable UUID id, RedirectAttributes redirect) {
        reviews.revokeToken(id);
        redirect.addFlashAttribute("flashKey", "training.review.saved");
        return BACK;
    }
}
