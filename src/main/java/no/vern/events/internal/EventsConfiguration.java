package no.vern.events.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.shared.ConsoleSection;
import no.vern.shared.PublicEndpoints;

/**
 * What the events module adds to the application: the job that starts the participants' retention clocks once an
 * event has been held (one run across nodes, db-scheduler; retention's rule then deletes), the public sign-up and cancel pages, and its console section.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /** The db-scheduler task name; its row in {@code scheduled_tasks} is shared by all nodes. */
    static final String HELD_TASK = "events-held-clock";
    /** Who manages events: the privacy officer and marketing (who sees event participants, S20). */
    static final List<String> STAFF = List.of("PRIVACY_OFFICER", "MARKETING");

    @Bean
    RecurringTask<Void> eventsHeldClockTask(EventHeldClock held) {
        return Tasks.recurring(HELD_TASK, Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> held.recordHeld());
    }

    /** Sign-up pages and the signed cancel links are reached without login. */
    @Bean
    PublicEndpoints eventsPublicEndpoints() {
        return new PublicEndpoints("events", List.of("/arrangementer/**"));
    }

    @Bean
    ConsoleSection eventsConsoleSection() {
        return new ConsoleSection(350, "/console/events", "events.nav", STAFF, ConsoleSection.Group.PEOPLE);
    }
}
