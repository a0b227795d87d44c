package no.vern.shared.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains a node before it stops (issue 27): on shutdown (SIGTERM) readiness turns {@code REFUSING_TRAFFIC}, so
 * {@code /actuator/health/readiness} answers 503, and the node keeps serving for {@code vern.shutdown.drain}
 * ({@code VERN_SHUTDOWN_DRAIN}) while the load balancer's health check takes it out of rotation; only then does
 * the web server's graceful shutdown stop accepting connections and wait for the requests in flight. Stops before the
 * graceful shutdown (a higher lifecycle phase stops first). Zero by default: under Kubernetes the pod's preStop sleep
 * does the same (docs/operations.md); behind HAProxy on a VM pair set it to the health check's inter × fall plus a
 * margin.
 */
@Component
class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);
    /** Above the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}), so this stops first. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final ApplicationContext context;
    private final Duration drain;
    private volatile boolean running;
    private volatile boolean stopped;

    ShutdownDrain(ApplicationContext context, @Value("${vern.shutdown.drain:0s}") Duration drain) {
        this.context = context;
        this.drain = drain;
    }

    @Override
    public void start() {
        if (stopped) {
            // Started again after a stop (a context that is paused and resumed, as Spring's test context cache does
            // between test classes): take traffic again. The first start leaves readiness to Spring Boot, which
            // accepts traffic once the application is ready.
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped = true;
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        if (drain.isZero() || drain.isNegative()) {
            return;
        }
        log.info("Readiness is down; serving {} ms more while the load balancer takes this node out", drain.toMillis());
        try {
            Thread.sleep(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
