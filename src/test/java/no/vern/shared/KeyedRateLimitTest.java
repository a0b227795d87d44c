package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

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
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        new TooManyRequests("Too many.", Duration.ofHours(1)).onPage(response);
        assertThat(response.getHeader("Retry-After")).isEqualTo("3600");
    }
}
