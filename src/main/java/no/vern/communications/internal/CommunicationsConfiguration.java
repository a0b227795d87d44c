package no.vern.communications.internal;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.communications.Communications;
import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;
import no.vern.shared.PublicEndpoints;

/**
 * What the communications module adds: the send job (db-scheduler, one node at a time), the public
 * objection pages (their POST is exempt from CSRF because RFC 8058 one-click POSTs come from mail
 * clients without a session; the signed token is the capability), its console section and a tile.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommunicationsProperties.class)
class CommunicationsConfiguration {

    static final String SEND_TASK = "communications-send";
    static final List<String> READERS = List.of("PRIVACY_OFFICER", "MARKETING", "AUDITOR");

    @Bean
    RecurringTask<Void> communicationsSendTask(CampaignSender sender, CommunicationsProperties properties) {
        return Tasks.recurring(SEND_TASK, Schedules.fixedDelay(properties.sendInterval()))
                .execute((instance, context) -> sender.sendDue());
    }

    /** S7: the objection in every message works with one click and without login. */
    @Bean
    PublicEndpoints communicationsPublicEndpoints() {
        List<String> paths = List.of("/avmelding/**", "/unsubscribe/**");
        return new PublicEndpoints("communications", paths, paths);
    }

    @Bean
    ConsoleSection communicationsConsoleSection() {
        return new ConsoleSection(350, "/console/communications", "communications.nav", READERS, ConsoleSection.Group.CONSENT);
    }

    @Bean
    DashboardTile.Source communicationsDashboardTiles(Communications communications) {
        return () -> List.of(new DashboardTile(350, "communications.tile.lists",
                String.valueOf(communications.lists().size()), "/console/communications", READERS, false));
    }
}
