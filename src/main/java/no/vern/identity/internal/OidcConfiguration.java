package no.vern.identity.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Single sign-on through OpenID Connect (issue 25): on only when a provider is configured
 * ({@code VERN_OIDC_ISSUER}, or {@code vern.identity.oidc.<id>.issuer}). Each provider's discovery document is read
 * on first use, so Vern starts while a provider is unreachable. A sign-in goes through {@link SsoAccounts} (account,
 * allowed domains, roles from groups, audit); Vern keeps none of the provider's tokens after it (the ID token only
 * inside the session, for the provider's logout). Logout ends the Vern session and then, where the provider
 * publishes an {@code end_session_endpoint}, sends the browser there (RP-initiated logout) with Vern's client id
 * and the way back, but without the ID token in the URL.
 */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OidcConfiguration.class);

    /**
     * The single sign-on, or no bean at all (a null bean: {@code ObjectProvider.getIfAvailable()} answers null) when
     * no provider has an issuer. Decided here at start and not by a condition: Spring AOT (the {@code cds} build)
     * fixes conditions at build time, and the same jar must offer single sign-on where a provider is configured.
     */
    @Bean
    @Nullable SsoLogin ssoLogin(SsoProperties settings, SsoAccounts accounts) {
        if (settings.configured().isEmpty()) {
            return null;
        }
        return new OidcLogin(settings, new DiscoveredRegistrations(settings), accounts);
    }

    /** The client registrations, each from its provider's discovery document when first asked for. */
    static final class DiscoveredRegistrations implements ClientRegistrationRepository {

        private final SsoProperties settings;
        private final Map<String, ClientRegistration> cache = new ConcurrentHashMap<>();

        DiscoveredRegistrations(SsoProperties settings) {
            this.settings = settings;
        }

        @Override
        public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
            SsoProperties.Provider provider = settings.configured().get(registrationId);
            if (provider == null) {
                return null;
            }
            ClientRegistration known = cache.get(registrationId);
            if (known != null) {
                return known;
            }
            try {
                ClientRegistration registration = ClientRegistrations.fromIssuerLocation(provider.issuer())
                        .registrationId(registrationId)
                        .clientId(provider.clientId())
                        .clientSecret(secret(provider.clientSecretRef()))
                        .clientName(provider.name(registrationId))
                        .scope("openid", "profile", "email")
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                        .build();
                cache.put(registrationId, registration);
                return registration;
            } catch (RuntimeException e) {
                // Nothing personal here: the provider id and the kind of failure.
                log.warn("OIDC provider {} could not be configured from its discovery document: {}", registrationId,
                        e.getClass().getSimpleName());
                return null;
            }
        }
    }

    /** Reads a client secret from its reference: {@code env:NAME} or {@code file:/path}. */
    static String secret(String reference) {
        if (reference.startsWith("env:")) {
            String value = System.getenv(reference.substring(4));
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("The OIDC client secret's environment variable is not set");
            }
            return value.strip();
        }
        if (reference.startsWith("file:")) {
            try {
                return Files.readString(Path.of(reference.substring(5)), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("The OIDC client secret file cannot be read", e);
            }
        }
        throw new IllegalStateException("An OIDC client secret is given by reference (env:NAME or file:/path), "
                + "never as the value");
    }

    /** Applies the OIDC login and logout to the console's security chain. */
    static final class OidcLogin implements SsoLogin {

        private final SsoProperties settings;
        private final ClientRegistrationRepository registrations;
        private final SsoAccounts accounts;

        OidcLogin(SsoProperties settings, ClientRegistrationRepository registrations, SsoAccounts accounts) {
            this.settings = settings;
            this.registrations = registrations;
            this.accounts = accounts;
        }

        @Override
        public void apply(HttpSecurity http) throws Exception {
            var success = new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
            success.setDefaultTargetUrl("/console");
            success.setRedirectStrategy(LoginOutcomes::redirectWithoutHost);
            http.oauth2Login(o -> o.loginPage("/login")
                    .clientRegistrationRepository(registrations)
                    .authorizedClientRepository(new NoTokensKept())
                    .userInfoEndpoint(u -> u.oidcUserService(userService()))
                    .successHandler(success)
                    .failureHandler(OidcLogin::refused))
                    .logout(l -> l.logoutSuccessHandler(this::loggedOut));
        }

        @Override
        public Map<String, String> providers() {
            Map<String, String> names = new java.util.LinkedHashMap<>();
            settings.configured().forEach((id, p) -> names.put(id, p.name(id)));
            return names;
        }

        @Override
        public List<String> formActionOrigins() {
            return settings.configured().values().stream().map(p -> origin(p.issuer())).distinct().toList();
        }

        private OAuth2UserService<OidcUserRequest, OidcUser> userService() {
            OidcUserService standard = new OidcUserService();
            return request -> {
                OidcUser oidc = standard.loadUser(request);
                String provider = request.getClientRegistration().getRegistrationId();
                SsoProperties.Provider config = Objects.requireNonNull(settings.configured().get(provider));
                Object claim = oidc.getClaims().get(config.groupsClaim());
                Collection<String> groups = claim instanceof Collection<?> values
                        ? values.stream().map(String::valueOf).toList()
                        : claim == null ? null : List.of(String.valueOf(claim));
                var who = new SsoAccounts.Identity(Objects.requireNonNull(oidc.getSubject(), "sub"), oidc.getEmail(),
                        Boolean.FALSE.equals(oidc.getEmailVerified()), groups);
                try {
                    return new SsoPrincipal(accounts.signIn(provider, config, who), provider, oidc.getIdToken());
                } catch (SsoAccounts.Refused refused) {
                    throw new OAuth2AuthenticationException(new OAuth2Error("vern_" + refused.reason().code()),
                            refused.getMessage());
                }
            };
        }

        /** A refused or failed sign-in: back to the login page, which says why (no personal data in the URL). */
        private static void refused(HttpServletRequest request, HttpServletResponse response,
                org.springframework.security.core.AuthenticationException exception) {
            String reason = "failed";
            if (exception instanceof OAuth2AuthenticationException oauth
                    && oauth.getError().getErrorCode().startsWith("vern_")) {
                reason = oauth.getError().getErrorCode().substring(5);
            }
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + "/login?sso=" + reason);
        }

        private void loggedOut(HttpServletRequest request, HttpServletResponse response,
                @Nullable Authentication authentication) throws IOException {
            String back = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                    .replacePath(request.getContextPath() + "/login").replaceQuery("logout").build().toUriString();
            if (authentication != null && authentication.getPrincipal() instanceof SsoPrincipal sso) {
                ClientRegistration registration = registrations.findByRegistrationId(sso.provider());
                Object endSession = registration == null ? null
                        : registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
                if (registration != null && endSession != null) {
                    String target = UriComponentsBuilder.fromUriString(endSession.toString())
                            .queryParam("client_id", registration.getClientId())
                            .queryParam("post_logout_redirect_uri", back).encode().build().toUriString();
                    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                    response.setHeader("Location", target);
                    return;
                }
            }
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + "/login?logout");
        }

        private static String origin(String url) {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        }
    }

    /**
     * Vern does not call the provider's APIs after the sign-in, so it keeps none of its access or refresh tokens.
     */
    static final class NoTokensKept implements OAuth2AuthorizedClientRepository {

        @Override
        @SuppressWarnings("TypeParameterUnusedInFormals")
        public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
                Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
                HttpServletRequest request, HttpServletResponse response) {
            // Nothing kept.
        }

        @Override
        public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
                HttpServletRequest request, HttpServletResponse response) {
            // Nothing kept.
        }
    }
}
