package no.vern.register.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.register.RestrictionReleases;
import no.vern.shared.ConsoleSection;
import no.vern.shared.VernClock;
import no.vern.shared.DashboardTile;

/**
 * What the register adds to the application: the daily release of kept categories, its console section and a
 * dashboard figure (a count, no personal data).
 */
@Configuration(proxyBeanMethods = false)
class RegisterConfiguration {

    static final List<String> STAFF = List.of("PRIVACY_OFFICER", "CASE_HANDLER", "SALES", "RECRUITER", "MARKETING");

    /** The daily release of categories kept under a legal duty (one execution across nodes, resumed after a crash). */
    @Bean
    RecurringTask<Void> restrictionReleaseTask(RestrictionReleases releases) {
        return Tasks.recurring(RestrictionRelease.TASK, Schedules.cron("0 15 3 * * *", VernClock.ZONE))
                .execute((instance, context) -> releases.releaseDue());
    }

    @Bean
    ConsoleSection registerConsoleSection() {
        return new ConsoleSection(100, "/console/register", "register.nav", STAFF, ConsoleSection.Group.PEOPLE);
    }

    @Bean
    DashboardTile.Source registerDashboardTiles(Subjects subjects) {
        return () -> List.of(new DashboardTile(100, "register.tile.subjects", String.valueOf(subjects.countAll()),
                "/console/register", List.of("PRIVACY_OFFICER", "CASE_HANDLER", "AUDITOR"), false));
    }
}
