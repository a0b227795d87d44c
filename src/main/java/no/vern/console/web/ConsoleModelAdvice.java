package no.vern.console.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.Actors;
import no.vern.shared.ConsoleSection;

/**
 * Gives every console page its navigation (only the sections the user's roles may open, grouped by the task they
 * serve), the signed-in user and the current path, so that module templates only render their own content.
 *
 * <p>Only for the packages that hold page controllers (console and public pages): the JSON API's controllers
 * ({@code *.api}) render no template, and running these methods on every API call cost up to a fifth of a light
 * call (issue 28). {@code ConsoleModelAdviceScopeTest} proves every page controller is covered and no API
 * controller is; a module that adds page controllers in a new package adds the package here.
 */
@ControllerAdvice(basePackages = { "no.vern.assessments.web", "no.vern.audit.web", "no.vern.breach.web", "no.vern.changes.web", "no.vern.communications.web", "no.vern.informing.web",
        "no.vern.connectors.web", "no.vern.consent.web", "no.vern.console.web", "no.vern.events.web",
        "no.vern.identity.internal", "no.vern.identity.web", "no.vern.processing.web", "no.vern.register.web",
        "no.vern.requests.web", "no.vern.retention.web", "no.vern.shared.internal", "no.vern.training.web", "no.vern.vendors.web",
        "no.vern.website.internal" })
class ConsoleModelAdvice {

    private final List<ConsoleSection> sections;

    ConsoleModelAdvice(List<ConsoleSection> sections) {
        this.sections = sections.stream().sorted(Comparator.comparingInt(ConsoleSection::order)).toList();
    }

    @ModelAttribute("nav")
    List<ConsoleSection> navigation(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/console")) {
            return List.of();
        }
        Set<String> roles = currentRoles();
        return sections.stream().filter(s -> s.roles().isEmpty() || s.roles().stream().anyMatch(roles::contains))
                .toList();
    }

    /** The navigation by task (issue 23 item 2): groups without a section the user may open are left out. */
    @ModelAttribute("navGroups")
    List<NavGroup> navigationGroups(HttpServletRequest request) {
        List<ConsoleSection> visible = navigation(request);
        String path = request.getRequestURI();
        return Arrays.stream(ConsoleSection.Group.values())
                .map(g -> new NavGroup(g, visible.stream().filter(s -> s.group() == g).toList(), path))
                .filter(g -> !g.sections().isEmpty()).toList();
    }

    @ModelAttribute("currentUser")
    String currentUser() {
        return Actors.current().id();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    static Set<String> currentRoles() {
        return Actors.authorities().stream().filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5))
                .collect(Collectors.toSet());
    }

    /**
     * One group of the navigation with the sections it shows.
     *
     * @param group the task
     * @param sections its sections, in order
     * @param currentPath the page being shown
     */
    record NavGroup(ConsoleSection.Group group, List<ConsoleSection> sections, String currentPath) {

        /** The section the current page belongs to: the one whose path is the longest prefix of it. */
        public boolean isCurrent(ConsoleSection section) {
            return currentPath.startsWith(section.path()) && sections.stream()
                    .filter(s -> currentPath.startsWith(s.path()))
                    .noneMatch(s -> s.path().length() > section.path().length());
        }

        /** Whether the current page belongs to this group. */
        public boolean active() {
            return sections.stream().anyMatch(this::isCurrent);
        }
    }
}
