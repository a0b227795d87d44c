package no.vern.assessments.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.assessments.AssessmentRegister;
import no.vern.shared.AttentionItem;
import no.vern.shared.ConsoleSection;
import no.vern.shared.VernClock;

/** Wires the assessments into the console navigation and the attention list. */
@Configuration(proxyBeanMethods = false)
class AssessmentsConfiguration {

    @Bean
    ConsoleSection assessmentsConsoleSection() {
        return new ConsoleSection(730, "/console/assessments", "assessments.nav", List.of("PRIVACY_OFFICER", "AUDITOR"),
                ConsoleSection.Group.RISK);
    }

    /** Activities without a screening, required DPIAs not started, overdue reviews and pending consultations. */
    @Bean
    AttentionItem.Source assessmentAttentionItems(AssessmentRegister register, Clock clock) {
        return () -> AssessmentAttention.items(register.unscreenedActivities(), register.screenings(), register.dpias(),
                LocalDate.now(clock.withZone(VernClock.ZONE)));
    }
}
