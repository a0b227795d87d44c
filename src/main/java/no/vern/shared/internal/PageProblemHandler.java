package no.vern.shared.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletResponse;
import no.vern.shared.ProblemResponses;
import no.vern.shared.VernProblem;

/**
 * Renders domain problems raised by console and public pages as an error page with the right
 * status and the problem's safe detail (REST controllers get problem JSON instead).
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblemHandler {

    static final String VIEW = "error";

    @ExceptionHandler(VernProblem.class)
    ModelAndView problem(VernProblem problem, HttpServletResponse response) {
        response.setStatus(problem.status().value());
        java.time.Duration retryAfter = problem.retryAfter();
        if (retryAfter != null) {
            response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, ProblemResponses.retryAfterSeconds(retryAfter));
        }
        ModelAndView page = new ModelAndView(VIEW, problem.status());
        page.addObject("status", problem.status().value());
        page.addObject("detail", problem.getMessage());
        return page;
    }
}
