package no.vern.identity.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import no.vern.identity.Role;
import no.vern.shared.ClusterNotifications;
import no.vern.shared.ConsoleSection;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires identity's settings and its place in the console navigation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ BootstrapProperties.class, SsoProperties.class })
class IdentityConfiguration {

    /**
     * The staff session cookie: HttpOnly, SameSite=Strict, Secure unless switched off for a plain
     * HTTP host, and named so that it does not clash with other applications on the same host. With single sign-on
     * it is SameSite=Lax: the provider sends the browser back to Vern from its own site, and a Strict cookie would
     * not come along, so the sign-in could not be matched to the request that began it (every state-changing
     * request still needs its CSRF token).
     */
    @Bean
    CookieSerializer sessionCookie(@Value("${server.servlet.session.cookie.secure:true}") boolean secure,
            org.springframework.beans.factory.ObjectProvider<SsoLogin> sso) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName("VERN_SESSION");
        serializer.setCookiePath("/");
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite(sso.getIfAvailable() == null ? "Strict" : "Lax");
        serializer.setUseSecureCookie(secure);
        return serializer;
    }

    /** Bearer tokens cached for {@code vern.identity.token-cache-ttl} at most, coherent across nodes. */
    @Bean
    TokenCache tokenCache(ClusterNotifications notifications, JdbcClient jdbc,
            @Value("${vern.identity.token-cache-ttl:30s}") java.time.Duration ttl) {
        return new TokenCache(notifications, jdbc, ttl);
    }

    @Bean
    ConsoleSection identityConsoleSection() {
        return new ConsoleSection(900, "/console/identity", "identity.nav", java.util.List.of(Role.PRIVACY_OFFICER.name()), ConsoleSection.Group.ADMINISTRATION);
    }
}
