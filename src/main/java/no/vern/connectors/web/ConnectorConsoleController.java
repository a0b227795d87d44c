package no.vern.connectors.web;

import java.util.UUID;

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
import no.vern.shared.NotFound;

/**
 * The console's connector list (S24): each system with its owner, activities and last outcome, a
 * connection test, and a dry run that shows counts per category only (never values), so that every role
 * allowed here can check a connector without seeing personal data.
 */
@Controller
class ConnectorConsoleController {

    static final String VIEW = "hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER', 'AUDITOR')";
    static final String OPERATE = "hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER')";

    private final ConnectorRegistry registry;

    ConnectorConsoleController(ConnectorRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/console/connectors")
    @PreAuthorize(VIEW)
    String list(Model model) {
        model.addAttribute("connectors", registry.list());
        model.addAttribute("canOperate", Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER", "ROLE_CASE_HANDLER"));
        return "connectors/list";
    }

    @PostMapping("/console/connectors/{id}/test")
    @PreAuthorize(OPERATE)
    String test(@PathVariable UUID id, RedirectAttributes redirect) {
        ConnectionCheck check = registry.test(id);
        // Flash attributes live in the JDBC session: plain serialisable values only.
        redirect.addFlashAttribute("checkOk", check.ok());
        redirect.addFlashAttribute("checkDetail", check.detail());
        redirect.addFlashAttribute("checkedName", registry.find(id).map(c -> c.name()).orElse(""));
        return "redirect:/console/connectors";
    }

    /** Answers on the same page (no redirect), so the email never appears in a URL. */
    @PostMapping("/console/connectors/{id}/dry-run")
    @PreAuthorize(VIEW)
    String dryRun(@PathVariable UUID id, @RequestParam(name = "email", defaultValue = "") String email, Model model) {
        var connector = registry.find(id).orElseThrow(() -> new NotFound("connector", id.toString()));
        try {
            DryRun result = registry.dryRun(id, email);
            model.addAttribute("dryRun", result);
        } catch (InvalidInput e) {
            model.addAttribute("dryRunError", e.getMessage());
        }
        model.addAttribute("dryRunName", connector.name());
        return list(model);
    }
}
