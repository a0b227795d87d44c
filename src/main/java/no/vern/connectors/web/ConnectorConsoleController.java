package no.vern.connectors.web;

import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.connectors.ConnectionCheck;
import no.vern.connectors.ConnectorRegistry;
import no.vern.connectors.DryRun;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
import no.vern.shared.NotFound;

/**
 * The console's connector list (S24): each system with its owner, activities and last outcome, a
 * connection test, the privacy officer's approval (a connector joins requests only once approved), and the
 * privacy officer's dry run that shows counts per category only (never values).
 */
@Controller
class ConnectorConsoleController {

    static final String VIEW = "hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER', 'AUDITOR')";
    static final String OPERATE = "hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER')";
    /** Approving a connector and dry runs (which tell whether a person is in a system) are the privacy officer's. */
    static final String OFFICER = "hasRole('PRIVACY_OFFICER')";

    private final ConnectorRegistry registry;
    private final Labels labels;
    private final MessageSource messages;

    ConnectorConsoleController(ConnectorRegistry registry, Labels labels, MessageSource messages) {
        this.messages = messages;
        this.labels = labels;
        this.registry = registry;
    }

    @GetMapping("/console/connectors")
    @PreAuthorize(VIEW)
    String list(Model model) {
        model.addAttribute("connectors", registry.list());
        model.addAttribute("canOperate", Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER", "ROLE_CASE_HANDLER"));
        model.addAttribute("isOfficer", Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER"));
        return "connectors/list";
    }

    @PostMapping("/console/connectors/{id}/test")
    @PreAuthorize(OPERATE)
    String test(@PathVariable UUID id, RedirectAttributes redirect) {
        ConnectionCheck check = registry.test(id);
        // Flash attributes live in the JDBC session: plain serialisable values only.
        redirect.addFlashAttribute("checkOk", check.ok());
        redirect.addFlashAttribute("checkDetail", messages.getMessage(check.detailCode(),
                labels.arguments(check.detailArgs()), check.detail(), LocaleContextHolder.getLocale()));
        redirect.addFlashAttribute("checkedName", registry.find(id).map(c -> c.name()).orElse(""));
        return "redirect:/console/connectors";
    }

    /** The privacy officer approves a connector: from then on requests reach it (audited). */
    @PostMapping("/console/connectors/{id}/approve")
    @PreAuthorize(OFFICER)
    String approve(@PathVariable UUID id, RedirectAttributes redirect) {
        registry.approve(id);
        redirect.addFlashAttribute("flashKey", "connectors.approve.done");
        return "redirect:/console/connectors";
    }

    /**
     * Answers on the same page (no redirect), so the email never appears in a URL. Privacy officer only: counts
     * still tell whether a person is in a system.
     */
    @PostMapping("/console/connectors/{id}/dry-run")
    @PreAuthorize(OFFICER)
    String dryRun(@PathVariable UUID id, @RequestParam(name = "email", defaultValue = "") String email, Model model) {
        var connector = registry.find(id).orElseThrow(() -> new NotFound("connector", id.toString()));
        try {
            DryRun result = registry.dryRun(id, email);
            model.addAttribute("dryRun", result);
        } catch (InvalidInput e) {
            model.addAttribute("dryRunError", e.errors().isEmpty() ? labels.problem(e) : labels.error(e.errors().get(0)));
        }
        model.addAttribute("dryRunName", connector.name());
        return list(model);
    }
}
