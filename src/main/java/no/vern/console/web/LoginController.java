package no.vern.console.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the staff login page; Spring Security processes the form itself. A login attempt that must wait after
 * failed ones (identity's progressive delay) is forwarded here unchecked and answered with the form again: 429,
 * {@code Retry-After}, the username kept and how many seconds to wait.
 */
@Controller
class LoginController {

    static final String VIEW = "console/login";
    /** Set by identity's login filter on the forwarded attempt: whole seconds to wait. */
    private static final String WAIT_SECONDS = "vern.login.waitSeconds";

    @GetMapping("/login")
    String login() {
        return VIEW;
    }

    @PostMapping("/login/wait")
    String waitBeforeTrying(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!(request.getAttribute(WAIT_SECONDS) instanceof Long seconds)) {
            return "redirect:/login";
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        model.addAttribute("waitSeconds", seconds);
        String username = request.getParameter("username");
        model.addAttribute("username", username == null ? "" : username.strip());
        return VIEW;
    }
}
