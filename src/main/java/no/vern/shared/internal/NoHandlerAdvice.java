package no.vern.shared.internal;

import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.ProblemResponses;

/**
 * A request no handler takes: a path nothing serves (404), or a handler's method, content type or accepted
 * types that do not match (405, 415, 406; found by the bad-input sweep, issue 14 item 4: these used to
 * answer without a body). Under {@code /api/} a problem detail; elsewhere the default handling.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class NoHandlerAdvice {

    private final ProblemResponses problems;

    NoHandlerAdvice(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object notFound(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail detail = ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "No API endpoint at this path; see /v3/api-docs.");
            problems.decorate(detail, request);
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
        }
        ModelAndView page = new ModelAndView(PageProblemHandler.VIEW, HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        return page;
    }

    @ExceptionHandler({ HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class,
            HttpRequestMethodNotSupportedException.class })
    ResponseEntity<ProblemDetail> noMatchingHandler(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e; // the default handling (status code and error page)
        }
        ErrorResponse error = (ErrorResponse) e;
        HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
        String detail;
        if (e instanceof HttpMediaTypeNotSupportedException media) {
            detail = "This endpoint does not accept this content type; send " + types(media.getSupportedMediaTypes()) + ".";
        } else if (e instanceof HttpMediaTypeNotAcceptableException media) {
            detail = "This endpoint cannot answer in the accepted types; accept " + types(media.getSupportedMediaTypes()) + ".";
        } else {
            HttpRequestMethodNotSupportedException method = (HttpRequestMethodNotSupportedException) e;
            detail = "This endpoint does not support " + method.getMethod() + "; allowed: "
                    + String.valueOf(method.getSupportedHttpMethods()) + ".";
        }
        ProblemDetail problem = ProblemResponses.problem(status, status.name().toLowerCase().replace('_', '-'),
                status.getReasonPhrase(), detail);
        problems.decorate(problem, request);
        return ResponseEntity.status(status).headers(error.getHeaders()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String types(java.util.List<MediaType> types) {
        return types.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    }
}
