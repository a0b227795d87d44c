package no.vern.shared;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A client used up its allowance ({@link KeyedRateLimit}): answered with 429 and {@code Retry-After}, the one
 * problem type {@code urn:vern:problem:rate-limited} for every limit in Vern. REST controllers let it reach the
 * problem handler, filters write it with {@link ProblemResponses}, and public pages that explain the limit in
 * the person's language set the status and header with {@link #onPage}.
 */
public final class TooManyRequests extends VernProblem {

    private final Duration retryAfter;

    /**
     * @param detail what was limited, for the client (no personal data, no key)
     * @param retryAfter when the allowance has refilled
     */
    public TooManyRequests(String detail, Duration retryAfter) {
        super("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Sets the 429 status and {@code Retry-After} of a page that renders its own explanation. */
    public void onPage(HttpServletResponse response) {
        response.setStatus(status().value());
        response.setHeader(HttpHeaders.RETRY_AFTER, ProblemResponses.retryAfterSeconds(retryAfter));
    }
}
