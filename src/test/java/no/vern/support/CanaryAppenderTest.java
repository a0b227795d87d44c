package no.vern.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The canary check must be able to fail: a canary in a message, an exception or the MDC is caught. */
class CanaryAppenderTest {

    @AfterEach
    void forgetTheDeliberateLeaks() {
        CanaryAppender.drain();
    }

    @Test
    void aCanaryInALogMessageIsRecorded() {
        LoggerFactory.getLogger("leaky").info("Sending to {}", Canaries.EMAIL.toUpperCase());
        assertThat(CanaryAppender.drain()).singleElement().asString().contains("leaky");
    }

    @Test
    void aCanaryInAnExceptionMessageIsRecorded() {
        LoggerFactory.getLogger("leaky").warn("Failed", new IllegalStateException("bad phone " + Canaries.PHONE_E164));
        assertThat(CanaryAppender.drain()).hasSize(1);
    }

    @Test
    void aCanaryInTheMdcIsRecorded() {
        MDC.put("user", Canaries.NAME);
        try {
            LoggerFactory.getLogger("leaky").info("hello");
        } finally {
            MDC.remove("user");
        }
        assertThat(CanaryAppender.drain()).hasSize(1);
    }

    @Test
    void anOrdinaryLineIsNotALeak() {
        LoggerFactory.getLogger("fine").info("Subject {} erased", java.util.UUID.randomUUID());
        assertThat(CanaryAppender.drain()).isEmpty();
    }
}
