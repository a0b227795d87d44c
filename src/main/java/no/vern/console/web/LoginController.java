package no.vern.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the staff login page; Spring Security processes the form itself. */
@Controller
class LoginController {

    static final String VIEW = "console/login";

    @GetMapping("/login")
    String login() {
        return VIEW;
    }
}
