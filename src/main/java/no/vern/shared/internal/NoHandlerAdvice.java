package no.vern.shared.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.ProblemResponses;

/** A path nothing serves: a 404 problem under {@code /api/}, the error page everywhere else. */
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
}
