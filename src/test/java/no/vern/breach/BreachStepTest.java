package no.vern.breach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The breach stepper (issue 23 item 4): assess → decide → notify → close, derived from what is recorded. */
class BreachStepTest {

    static final Instant AWARE = Instant.parse("2026-12-07T08:00:00Z");

    static Breach breach(@Nullable RiskLevel risk, @Nullable String noticeDecision, List<Decision> decisions,
            List<AuthorityNotification> notifications, @Nullable Instant closedAt) {
        return new Breach(new BreachId(UUID.randomUUID()), "AVVIK-2026-0001", "t", Channel.CONSOLE, "staff:o", AWARE, AWARE,
                AWARE, Breach.deadlineFor(AWARE), BreachFacts.initial("what"), List.of(), risk, "", null, null,
                noticeDecision, "", "", null, closedAt, null, notifications, decisions, 0, null, null);
    }

    static final AuthorityNotification INITIAL = new AuthorityNotification(NotificationPhase.INITIAL, AWARE, "DT-1", "",
            "staff:o", false);
    static final Decision DECISION = new Decision(AWARE, "staff:o", "Notify Datatilsynet");

    @Test
    void art33_aNewBreachIsAtAssessment() {
        Breach b = breach(null, null, List.of(), List.of(), null);
        assertThat(BreachStep.current(b)).isEqualTo(BreachStep.ASSESS);
        assertThat(BreachStep.progress(b)).extracting(BreachStep.Progress::state)
                .containsExactly("current", "todo", "todo", "todo");
    }

    @Test
    void art33_aRiskNeedsARecordedDecisionThenTheNotification() {
        assertThat(BreachStep.current(breach(RiskLevel.RISK, null, List.of(), List.of(), null)))
                .isEqualTo(BreachStep.DECIDE);
        assertThat(BreachStep.current(breach(RiskLevel.RISK, null, List.of(DECISION), List.of(), null)))
                .isEqualTo(BreachStep.NOTIFY);
        assertThat(BreachStep.current(breach(RiskLevel.RISK, null, List.of(DECISION), List.of(INITIAL), null)))
                .isEqualTo(BreachStep.CLOSE);
    }

    @Test
    void art34_aHighRiskNeedsTheDecisionAboutTellingThePeople() {
        assertThat(BreachStep.current(breach(RiskLevel.HIGH_RISK, null, List.of(DECISION), List.of(), null)))
                .isEqualTo(BreachStep.DECIDE);
        assertThat(BreachStep.current(breach(RiskLevel.HIGH_RISK, "NOTIFY", List.of(), List.of(), null)))
                .isEqualTo(BreachStep.NOTIFY);
    }

    @Test
    void art33_noRiskSkipsTheNotificationAndGoesToClosing() {
        Breach b = breach(RiskLevel.NONE, null, List.of(), List.of(), null);
        assertThat(BreachStep.current(b)).isEqualTo(BreachStep.CLOSE);
        assertThat(BreachStep.progress(b)).extracting(BreachStep.Progress::state)
                .containsExactly("done", "done", "skipped", "current");
    }

    @Test
    void aClosedBreachHasNoCurrentStep() {
        Breach b = breach(RiskLevel.RISK, null, List.of(DECISION), List.of(INITIAL), AWARE.plusSeconds(3600));
        assertThat(BreachStep.current(b)).isNull();
        assertThat(BreachStep.progress(b)).extracting(BreachStep.Progress::state).containsOnly("done");
    }
}
