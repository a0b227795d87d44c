package no.vern.identity.internal;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells the login page (served by the console) how staff may sign in: the identity providers' buttons and whether
 * the password form is there at all.
 */
@ControllerAdvice(basePackages = "no.vern.console.web")
class LoginPageOptions {

    private final SsoProperties settings;
    private final ObjectProvider<SsoLogin> sso;

    LoginPageOptions(SsoProperties settings, ObjectProvider<SsoLogin> sso) {
        this.settings = settings;
        this.sso = sso;
    }

    @ModelAttribute
    void signInOptions(HttpServletRequest request, Model model) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/login")) {
            return;
        }
        SsoLogin login = sso.getIfAvailable();
        model.addAttribute("ssoProviders", login == null ? Map.of() : login.providers());
        model.addAttribute("localPasswords", settings.localPasswords());
    }
}
