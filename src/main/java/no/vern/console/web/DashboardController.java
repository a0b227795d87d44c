package no.vern.console.web;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import no.vern.shared.AttentionItem;
import no.vern.shared.DashboardTile;
import no.vern.shared.Trend;

/**
 * The console's start page: first what needs attention (one ranked list from every module, each line with the action
 * that clears it), then the trends of the last 90 days an officer reports upward, then the figures of every module that the user's roles may see.
 */
@Controller
class DashboardController {

    static final String VIEW = "console/dashboard";

    private final List<DashboardTile.Source> sources;
    private final List<AttentionItem.Source> attention;
    private final List<Trend.Source> trends;
    private final Clock clock;

    DashboardController(List<DashboardTile.Source> sources, List<AttentionItem.Source> attention,
            List<Trend.Source> trends, Clock clock) {
        this.sources = sources;
        this.attention = attention;
        this.trends = trends;
        this.clock = clock;
    }

    @GetMapping("/console")
    @PreAuthorize("hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER','SALES','RECRUITER','MARKETING','AUDITOR')")
    String dashboard(Model model) {
        Set<String> roles = ConsoleModelAdvice.currentRoles();
        List<DashboardTile> tiles = sources.stream().flatMap(s -> s.tiles().stream())
                .filter(t -> t.roles().isEmpty() || t.roles().stream().anyMatch(roles::contains))
                .sorted(Comparator.comparingInt(DashboardTile::order)).toList();
        List<AttentionItem> items = attention.stream().flatMap(s -> s.items().stream()).toList();
        model.addAttribute("attention", NeedsAttention.rank(items, roles, clock.instant()));
        model.addAttribute("tiles", tiles);
        model.addAttribute("trends", trends.stream().flatMap(s -> s.trends().stream())
                .filter(t -> t.roles().isEmpty() || t.roles().stream().anyMatch(roles::contains))
                .sorted(Comparator.comparingInt(Trend::order)).map(Sparkline::new).toList());
        return VIEW;
    }
}
