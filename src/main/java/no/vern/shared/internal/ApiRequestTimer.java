package no.vern.shared.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one request metric, {@code http.server.requests}, for every request; for {@code /api/**} without the
 * observation around it (issue 28 item 2). Pages keep the HTTP server observation ({@link ServerHttpObservationFilter},
 * as Spring Boot registers it). An API call is timed here into the same timer, with the same tags the observation
 * gives it ({@code method}, {@code uri} as the handler's pattern, {@code status}, {@code outcome}, {@code exception},
 * {@code error}), so dashboards and alerts see no difference; the timer is looked up once per combination of tags
 * instead of building an observation, its context, key values, a meter id and the long-task timer of requests in
 * flight on every call (6.5–8.4 % of a light API call's request thread, docs/performance.md). What the API no longer
 * has is {@code http.server.requests.active} (requests in flight); Tomcat's busy threads say the same for the server.
 */
final class ApiRequestTimer extends ServerHttpObservationFilter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");

    /** The tags of one timer. */
    private record Key(String method, String uri, int status, String exception) {
    }

    private final MeterRegistry meters;
    private final String name;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    ApiRequestTimer(ObservationRegistry observations, ServerRequestObservationConvention convention,
            MeterRegistry meters) {
        super(observations, convention);
        this.meters = meters;
        String named = convention.getName();
        this.name = named == null ? "http.server.requests" : named;
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isApi(request)) {
            super.doFilterInternal(request, response, chain);
            return;
        }
        long start = System.nanoTime();
        @Nullable Throwable error = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            // as the observation filter: the exception is named unwrapped and the answer is a 500
            error = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            throw e;
        } finally {
            if (error == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
                error = t;
            }
            timer(request, response, error).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(HttpServletRequest request, HttpServletResponse response, @Nullable Throwable error) {
        int status = response.getStatus();
        Key key = new Key(METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN",
                uri(request, status), status, error == null ? "none" : simpleName(error));
        Timer timer = timers.get(key);
        return timer != null ? timer : timers.computeIfAbsent(key, this::register);
    }

    private Timer register(Key key) {
        return meters.timer(name, Tags.of("method", key.method(), "uri", key.uri(), "status",
                String.valueOf(key.status()), "outcome", outcome(key.status()), "exception", key.exception(), "error",
                key.exception()));
    }

    /** The handler's pattern, as the observation names it ({@code DefaultServerRequestObservationConvention}). */
    private static String uri(HttpServletRequest request, int status) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            return pattern.isEmpty() ? "root" : pattern;
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return status == 404 ? "NOT_FOUND" : "UNKNOWN";
    }

    private static String outcome(int status) {
        if (status >= 100 && status < 200) {
            return "INFORMATIONAL";
        }
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        }
        return status >= 500 && status < 600 ? "SERVER_ERROR" : "UNKNOWN";
    }

    private static String simpleName(Throwable error) {
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }
}
