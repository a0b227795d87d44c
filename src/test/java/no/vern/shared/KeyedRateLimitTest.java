package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;

/** The one rate limit and the one 429 problem every limited surface answers with. */
class KeyedRateLimitTest {

    @Test
    void eachKeyHasItsOwnBudgetAndAUsedUpBudgetIsRefused() {
        KeyedRateLimit limit = KeyedRateLimit.of(2, Duration.ofHours(1), 100);
        assertThat(limit.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limit.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limit.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limit.exhausted("10.0.0.1")).isTrue();
        assertThat(limit.tryAcquire("10.0.0.2")).isTrue();
        assertThat(limit.exhausted("10.0.0.2")).isFalse();
    }

    @Test
    void aRefusalIsTheOneRateLimitedProblemWithRetryAfterOfTheWindow() {
        KeyedRateLimit limit = KeyedRateLimit.refilledWhole(1, Duration.ofMinutes(5), 100);
        limit.acquire("k", "Too many tries.");
        assertThatThrownBy(() -> limit.acquire("k", "Too many tries.")).isInstanceOfSatisfying(TooManyRequests.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(e.type()).hasToString("urn:vern:problem:rate-limited");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(5));
            assertThat(e.getMessage()).isEqualTo("Too many tries.");
        });
    }

    @Test
    void whatIsGivenBackCanBeTakenAgainAndAResetForgetsEveryKey() {
        KeyedRateLimit limit = KeyedRateLimit.refilledWhole(1, Duration.ofHours(1), 100);
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();
        limit.giveBack("a");
        assertThat(limit.tryAcquire("a")).isTrue();
        limit.reset();
        assertThat(limit.exhausted("a")).isFalse();
    }

    @Test
    void aCapacityBelowOneStillAllowsOneRequest() {
        KeyedRateLimit limit = KeyedRateLimit.of(0, Duration.ofHours(1), 100);
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();
    }

    @Test
    void aPageThatExplainsTheLimitGetsTheStatusAndRetryAfterInWholeSeconds() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new TooManyRequests("Too many.", Duration.ofMillis(1500)).onPage(response);
        assertThat(response.getStatus()).isEqualTo(429);
        // Rounded up: a client that waits what it is told is not refused again half a second early.
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        new TooManyRequests("Too many.", Duration.ofHours(1)).onPage(response);
        assertThat(response.getHeader("Retry-After")).isEqualTo("3600");
    }

    /** A clock the progressive tests move by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void progressiveFailuresAreFreeUpToTheAllowanceThenEachOneDoublesTheWaitUpToTheCap() {
        Hand clock = new Hand();
        KeyedRateLimit limit = KeyedRateLimit.progressive(2, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofHours(1), 100, clock);
        assertThat(limit.tryAcquire("kari")).isTrue();
        assertThat(limit.tryAcquire("kari")).isTrue();
        assertThat(limit.retryAfter("kari")).isZero();
        assertThat(limit.tryAcquire("kari")).isTrue(); // third failure: wait 1 s
        assertThat(limit.retryAfter("kari")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limit.tryAcquire("kari")).isFalse();
        clock.now = clock.now.plusSeconds(1);
        assertThat(limit.tryAcquire("kari")).isTrue(); // fourth: 2 s
        assertThat(limit.retryAfter("kari")).isEqualTo(Duration.ofSeconds(2));
        clock.now = clock.now.plusSeconds(2);
        assertThat(limit.tryAcquire("kari")).isTrue(); // fifth: 4 s
        clock.now = clock.now.plusSeconds(4);
        assertThat(limit.tryAcquire("kari")).isTrue(); // sixth: 8 s, capped at 5
        assertThat(limit.retryAfter("kari")).isEqualTo(Duration.ofSeconds(5));
        assertThat(limit.refusal("kari", "Wait.").retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limit.retryAfter("ola")).isZero();
    }

    @Test
    void progressiveAttemptsRefusedWhileWaitingDoNotLengthenTheWait() {
        Hand clock = new Hand();
        KeyedRateLimit limit = KeyedRateLimit.progressive(0, Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofHours(1), 100, clock);
        assertThat(limit.tryAcquire("kari")).isTrue();
        for (int i = 0; i < 50; i++) {
            clock.now = clock.now.plusMillis(100);
            assertThat(limit.tryAcquire("kari")).isFalse();
        }
        clock.now = clock.now.plusSeconds(5);
        assertThat(limit.tryAcquire("kari")).isTrue();
    }

    @Test
    void progressiveGiveBackUndoesOneCountedAttemptAndForgetOrTimeClearsTheKey() {
        Hand clock = new Hand();
        KeyedRateLimit limit = KeyedRateLimit.progressive(1, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofMinutes(30), 100, clock);
        assertThat(limit.tryAcquire("kari")).isTrue();
        assertThat(limit.tryAcquire("kari")).isTrue();
        assertThat(limit.exhausted("kari")).isTrue();
        limit.giveBack("kari"); // the second attempt succeeded
        assertThat(limit.exhausted("kari")).isFalse();
        assertThat(limit.tryAcquire("kari")).isTrue();
        limit.forget("kari");
        assertThat(limit.tryAcquire("kari")).isTrue();
        assertThat(limit.tryAcquire("kari")).isTrue();
        assertThat(limit.exhausted("kari")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(limit.exhausted("kari")).isFalse();
        assertThat(limit.tryAcquire("kari")).isTrue();
        assertThat(limit.retryAfter("kari")).isZero(); // the old failures were forgotten: this is the first again
    }
}
