package no.vern.shared;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns problems into RFC 9457 bodies, both for controllers and for filters that answer before
 * a controller is reached (body limits, rate limits, authentication failures).
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** A problem detail with a Vern type URI, for failures that are not domain problems (401, 503). */
    public static ProblemDetail problem(org.springframework.http.HttpStatus status, String slug, String title,
            String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.of(slug));
        problem.setTitle(title);
        return problem;
    }

    /** The value of a {@code Retry-After} header: whole seconds, at least one. */
    public static String retryAfterSeconds(Duration retryAfter) {
        // Rounded up: a client that waits the whole seconds it is told must not be refused again.
        return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /** Builds the problem detail for a domain problem, with the request id for support. */
    public ProblemDetail toProblem(VernProblem problem, HttpServletRequest request) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setType(problem.type());
        detail.setTitle(problem.title());
        problem.properties().forEach(detail::setProperty);
        decorate(detail, request);
        return detail;
    }

    /** Adds the instance path and request id that every Vern problem carries. */
    public void decorate(ProblemDetail detail, HttpServletRequest request) {
        detail.setInstance(URI.create(request.getRequestURI()));
        String requestId = MDC.get("requestId");
        if (requestId != null) {
            detail.setProperty("requestId", requestId);
        }
    }

    /** Writes a problem straight to the response, for code that runs outside Spring MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, VernProblem problem)
            throws IOException {
        Duration retryAfter = problem.retryAfter();
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
        }
        write(request, response, toProblem(problem, request));
    }

    /** Writes an already built problem detail to the response. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail detail)
            throws IOException {
        decorate(detail, request);
        response.setStatus(detail.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), detail);
    }
}
