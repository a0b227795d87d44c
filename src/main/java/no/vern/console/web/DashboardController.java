package no.vern.console.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import no.vern.shared.DashboardTile;

/** The console's start page: figures from every module that the user's roles may see. */
@Controller
class DashboardController {

    static final String VIEW = "console/dashboard";

    private final List<DashboardTile.Source> sources;

    DashboardController(List<DashboardTile.Source> sources) {
        this.sources = sources;
    }

    @GetMapping("/console")
    @PreAuthorize("hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER','SALES','RECRUITER','MARKETING','AUDITOR')")
    String dashboard(Model model) {
        Set<String> roles = ConsoleModelAdvice.currentRoles();
        List<DashboardTile> tiles = sources.stream().flatMap(s -> s.tiles().stream())
                .filter(t -> t.roles().isEmpty() || t.roles().stream().anyMatch(roles::contains))
                .sorted(Comparator.comparingInt(DashboardTile::order)).toList();
        model.addAttribute("tiles", tiles);
        return VIEW;
    }
}
