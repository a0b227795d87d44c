package no.vern.identity.web;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.identity.IssuedToken;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
import no.vern.shared.VernClock;

/** Console pages where the privacy officer issues and revokes API tokens. */
@Controller
@RequestMapping("/console/identity/tokens")
@PreAuthorize("hasRole('PRIVACY_OFFICER')")
class TokensController {

    static final String VIEW = "identity/tokens";

    private final ApiTokens tokens;
    private final java.time.Clock clock;
    private final Labels labels;

    TokensController(ApiTokens tokens, java.time.Clock clock, Labels labels) {
        this.labels = labels;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The issue form as typed, for re-rendering with errors. */
    record NewTokenForm(String name, Set<ApiScope> scopes, @Nullable LocalDate expires) {
    }

    @GetMapping
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String list(Model model) {
        return render(model, new NewTokenForm("", Set.of(), null), Map.of());
    }

    @PostMapping
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String issue(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) List<ApiScope> scopes,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expires,
            Model model, RedirectAttributes redirect) {
        Set<ApiScope> chosen = scopes == null ? EnumSet.noneOf(ApiScope.class) : EnumSet.copyOf(scopes);
        try {
            IssuedToken issued = tokens.issue(name, chosen,
                    expires == null ? null : expires.plusDays(1).atStartOfDay(VernClock.ZONE).toInstant());
            redirect.addFlashAttribute("issuedSecret", issued.secret());
            redirect.addFlashAttribute("issuedName", issued.token().name());
            return "redirect:/console/identity/tokens";
        } catch (InvalidInput e) {
            return render(model, new NewTokenForm(name, chosen, expires), UsersController.errors(e, labels));
        }
    }

    @PostMapping("/{id}/revoke")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
        tokens.revoke(id);
        redirect.addFlashAttribute("flashKey", "identity.token.revoked");
        return "redirect:/console/identity/tokens";
    }

    private String render(Model model, NewTokenForm form, Map<String, String> errors) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("allScopes", ApiScope.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("now", clock.instant());
        return VIEW;
    }
}
