package no.vern.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.support.GenericApplicationContext;

/** Issue 27: a node stopping turns readiness down and keeps serving for the drain before the port closes. */
class ShutdownDrainTest {

    @Test
    void stoppingTurnsReadinessDownThenWaitsTheDrainBeforeTheWebServersGracefulShutdown() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
            context.addApplicationListener(availability);
            context.refresh();
            ShutdownDrain drain = new ShutdownDrain(context, Duration.ofMillis(300));
            drain.start();

            long start = System.nanoTime();
            drain.stop();

            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(drain.isRunning()).isFalse();
            assertThat(drain.getPhase()).as("a higher phase stops first")
                    .isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
        }
    }

    @Test
    void aContextStartedAgainAfterAStopTakesTrafficAgainButTheFirstStartLeavesReadinessToSpringBoot() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
            context.addApplicationListener(availability);
            context.refresh();
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            ShutdownDrain drain = new ShutdownDrain(context, Duration.ZERO);

            drain.start();
            assertThat(availability.getReadinessState()).as("first start: Spring Boot decides when the app is ready")
                    .isEqualTo(ReadinessState.REFUSING_TRAFFIC);

            drain.stop();
            drain.start(); // a paused context resumed (Spring's test context cache pauses contexts between classes)
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(drain.isRunning()).isTrue();
        }
    }
}
