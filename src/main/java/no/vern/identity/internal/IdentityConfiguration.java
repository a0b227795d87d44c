package no.vern.identity.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import no.vern.identity.Role;
import no.vern.shared.ConsoleSection;

/** Wires identity's settings and its place in the console navigation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BootstrapProperties.class)
class IdentityConfiguration {

    /**
     * The staff session cookie: HttpOnly, SameSite=Strict, Secure unless switched off for a plain
     * HTTP host, and named so that it does not clash with other applications on the same host.
     */
    @Bean
    CookieSerializer sessionCookie(@Value("${server.servlet.session.cookie.secure:true}") boolean secure) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName("VERN_SESSION");
        serializer.setCookiePath("/");
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Strict");
        serializer.setUseSecureCookie(secure);
        return serializer;
    }

    @Bean
    ConsoleSection identityConsoleSection() {
        return new ConsoleSection(900, "/console/identity", "identity.nav", java.util.List.of(Role.PRIVACY_OFFICER.name()), ConsoleSection.Group.ADMINISTRATION);
    }
}
