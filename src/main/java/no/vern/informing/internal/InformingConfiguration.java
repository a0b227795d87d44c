package no.vern.informing.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.shared.AttentionItem;
import no.vern.shared.ConsoleSection;

/**
 * What the Art. 14 notices add to the application: the job that sends what is due (db-scheduler: one node at a time,
 * picked up again after a crash), the console section, and the attention list's lines for notices past the one-month
 * deadline (Art. 14(3)(a)) and notices that could not be sent.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InformingProperties.class)
class InformingConfiguration {

    static final String TASK = "art14-notices";
    static final List<String> READERS = List.of("PRIVACY_OFFICER", "CASE_HANDLER", "AUDITOR");

    @Bean
    RecurringTask<Void> art14NoticesTask(SourceNoticeService notices, InformingProperties properties) {
        return Tasks.recurring(TASK, Schedules.fixedDelay(properties.interval()))
                .execute((instance, context) -> notices.sendDue());
    }

    @Bean
    ConsoleSection informingConsoleSection() {
        return new ConsoleSection(120, "/console/informing", "informing.nav", READERS, ConsoleSection.Group.PEOPLE);
    }

    @Bean
    AttentionItem.Source informingAttention(SourceNoticeService notices) {
        List<String> officers = List.of("PRIVACY_OFFICER");
        return () -> {
            SourceNoticeRows.Counts counts = notices.counts();
            List<AttentionItem> items = new ArrayList<>();
            if (counts.overdue() > 0) {
                items.add(new AttentionItem("informing", "informing.attention.overdue",
                        List.of(Long.toString(counts.overdue())), null, AttentionItem.Severity.CRITICAL,
                        "informing.attention.action", "/console/informing", officers));
            }
            if (counts.unreachable() > 0) {
                items.add(new AttentionItem("informing", "informing.attention.unreachable",
                        List.of(Long.toString(counts.unreachable())), null, AttentionItem.Severity.WARNING,
                        "informing.attention.action", "/console/informing", officers));
            }
            return items;
        };
    }
}
