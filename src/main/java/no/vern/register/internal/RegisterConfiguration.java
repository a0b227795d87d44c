package no.vern.register.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;

/** What the register adds to the console shell: its section and a dashboard figure (a count, no personal data). */
@Configuration(proxyBeanMethods = false)
class RegisterConfiguration {

    static final List<String> STAFF = List.of("PRIVACY_OFFICER", "CASE_HANDLER", "SALES", "RECRUITER", "MARKETING");

    @Bean
    ConsoleSection registerConsoleSection() {
        return new ConsoleSection(100, "/console/register", "register.nav", STAFF);
    }

    @Bean
    DashboardTile.Source registerDashboardTiles(Subjects subjects) {
        return () -> List.of(new DashboardTile(100, "register.tile.subjects", String.valueOf(subjects.countAll()),
                "/console/register", List.of("PRIVACY_OFFICER", "CASE_HANDLER", "AUDITOR"), false));
    }
}
