package no.vern.identity.internal;

import java.util.List;
import java.util.Map;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** Single sign-on as the console's security chain and login page see it: present only when a provider is set. */
interface SsoLogin {

    /** Adds the sign-in through the providers and the matching logout to the console's chain. */
    void apply(HttpSecurity http) throws Exception;

    /** Provider id to the name on its login button, in a stable order. */
    Map<String, String> providers();

    /** Origins a form post may end up at: the providers' (the logout is a POST that is sent on to the provider). */
    List<String> formActionOrigins();
}
