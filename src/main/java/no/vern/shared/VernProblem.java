package no.vern.shared;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Base of every domain failure that reaches a client; mapped once to an RFC 9457 problem detail.
 *
 * <p>The message is the problem's {@code detail} and is shown to clients as it is, so it must
 * never contain personal data or bound SQL parameters: refer to subjects by their opaque id.
 */
public abstract class VernProblem extends RuntimeException {

    private final String slug;
    private final HttpStatus status;
    private final String title;

    protected VernProblem(String slug, HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    /** Stable problem type URI, e.g. {@code urn:vern:problem:consent-required}. */
    public final URI type() {
        return ProblemTypes.of(slug);
    }

    public final String slug() {
        return slug;
    }

    public final HttpStatus status() {
        return status;
    }

    public final String title() {
        return title;
    }

    /** Extra machine-readable members of the problem detail; ids only, never personal data. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** When the client may try again (sent as {@code Retry-After}, e.g. with a 429); null when not said. */
    public @Nullable Duration retryAfter() {
        return null;
    }
}
