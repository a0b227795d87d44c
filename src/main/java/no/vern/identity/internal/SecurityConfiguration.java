package no.vern.identity.internal;

import java.util.ArrayList;
import java.util.List;

import org.aopalliance.intercept.MethodInvocation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import no.vern.identity.ApiScope;
import no.vern.identity.Role;
import no.vern.shared.ProblemResponses;
import no.vern.shared.PublicEndpoints;

/**
 * The security rules every request passes: bearer tokens for the API, form login with sessions
 * and CSRF for the console, an explicit list of public paths, and strict headers. Endpoints add
 * their own role checks with {@code @PreAuthorize}; the authorisation matrix test proves them.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** Content-Security-Policy of every page Vern renders: no inline script or style at all. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; "
            + "object-src 'none'";
    /** Swagger UI needs inline styles; it gets a policy of its own. */
    static final String SWAGGER_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    static final List<String> ALWAYS_PUBLIC = List.of("/login", LoginRateLimitFilter.WAIT_PATH,
            SecondFactorController.PATH, "/error", "/webjars/**", "/css/**", "/js/**",
            "/img/**", "/favicon.ico", "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**");

    /** Console pages are for staff only: an API token never opens them. */
    private static final String[] STAFF_ROLES = java.util.Arrays.stream(Role.values()).map(Role::authority)
            .toArray(String[]::new);

    /** {@code /api/**} never touches the session repository (see {@link SessionlessApi}). */
    @Bean
    static SessionlessApi sessionlessApi(org.springframework.beans.factory.BeanFactory beans) {
        return new SessionlessApi(beans);
    }

    /**
     * No observation per security filter, authentication or authorisation (they cost about a sixth of a light API
     * call in meter-id hashing, issue 28); each request keeps its one HTTP server observation.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * {@code @PreAuthorize} checks its plain authority expressions without SpEL per call ({@link PreResolvedAuthorities}),
     * with managers from the same {@link AuthorizationManagerFactory} the expressions use; with a custom role prefix or
     * role hierarchy every expression stays SpEL. Primary, because Spring Security applies a post-processor only when it
     * is unique: the other one (method security observations) would wrap nothing here, since this configuration turns
     * authorisation observations off ({@link #securityObservationSettings()}).
     */
    @Bean
    @Primary
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static ObjectPostProcessor<AuthorizationManager<MethodInvocation>> preResolvedAuthorities(
            ObjectProvider<GrantedAuthorityDefaults> prefix, ObjectProvider<RoleHierarchy> hierarchy,
            ObjectProvider<AuthorizationManagerFactory<?>> factories) {
        return new ObjectPostProcessor<>() {
            @Override
            @SuppressWarnings("unchecked")
            public <O extends AuthorizationManager<MethodInvocation>> O postProcess(O manager) {
                if (manager instanceof PreAuthorizeAuthorizationManager expressions && prefix.getIfAvailable() == null
                        && hierarchy.getIfAvailable() == null) {
                    AuthorizationManagerFactory<?> factory = factories
                            .getIfUnique(DefaultAuthorizationManagerFactory::new);
                    return (O) new PreResolvedAuthorities(expressions,
                            (AuthorizationManagerFactory<MethodInvocation>) factory);
                }
                return manager;
            }
        };
    }

    /**
     * Where the console's login state lives (the session, and the request for the rest of it): one bean, so the
     * form login and the second-factor step ({@link SecondFactorController}) save and clear the same thing.
     */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository());
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, BearerTokenFilter bearer, ProblemResponses problems)
            throws Exception {
        http.securityMatcher("/api/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.disable())
                .addFilterBefore(bearer, UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"vern\"");
                            problems.write(request, response, ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                                    "Unauthorized", "A valid bearer token is required (Authorization: Bearer …)."));
                        })
                        .accessDeniedHandler((request, response, ex) -> problems.write(request, response,
                                ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                        "Your token's scopes do not allow this operation."))))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * SCIM provisioning ({@code /scim/v2/…}, issue 25): the identity provider's bearer token with the scope
     * {@code scim:provision} only, stateless, answered with the SCIM error schema (RFC 7644 section 3.12).
     */
    @Bean
    @Order(0)
    SecurityFilterChain scimChain(HttpSecurity http, BearerTokenFilter bearer, tools.jackson.databind.json.JsonMapper json)
            throws Exception {
        http.securityMatcher("/scim/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.disable())
                .addFilterBefore(bearer, UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(ApiScope.SCIM_PROVISION.authority()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"vern-scim\"");
                            scimError(response, json, HttpStatus.UNAUTHORIZED, "A bearer token with the scope scim:provision is required.");
                        })
                        .accessDeniedHandler((request, response, ex) -> scimError(response, json, HttpStatus.FORBIDDEN,
                                "The token's scopes do not include scim:provision.")))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    private static void scimError(jakarta.servlet.http.HttpServletResponse response, tools.jackson.databind.json.JsonMapper json,
            HttpStatus status, String detail) throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(ScimController.SCIM_JSON);
        response.getOutputStream().write(json.writeValueAsBytes(java.util.Map.of(
                "schemas", List.of(ScimController.ERROR_SCHEMA), "status", Integer.toString(status.value()), "detail", detail)));
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, BearerTokenFilter bearer, LoginRateLimitFilter loginLimit,
            LoginOutcomes outcomes, List<PublicEndpoints> publicEndpoints, SecurityContextRepository contexts,
            SessionLifetimeCap lifetimeCap, ObjectProvider<SsoLogin> sso) throws Exception {
        SsoLogin singleSignOn = sso.getIfAvailable();
        List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
        publicEndpoints.forEach(p -> open.addAll(p.patterns()));
        // Sessionless public POSTs from other sites (cookie banner, beacon) cannot carry a CSRF token.
        String[] csrfExempt = publicEndpoints.stream().flatMap(p -> p.csrfExempt().stream()).toArray(String[]::new);
        RequestMatcher swagger = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"));
        HeaderWriter pageCsp = new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swagger),
                new StaticHeadersWriter("Content-Security-Policy", singleSignOn == null ? CSP
                        : withFormActions(CSP, singleSignOn.formActionOrigins())));
        HeaderWriter swaggerCsp = new DelegatingRequestMatcherHeaderWriter(swagger,
                new StaticHeadersWriter("Content-Security-Policy", SWAGGER_CSP));
        HttpSessionRequestCache savedRequests = savedRequestsWithoutParameter();
        http.requestCache(c -> c.requestCache(savedRequests))
                .securityContext(c -> c.securityContextRepository(contexts))
                .addFilterBefore(bearer, UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(loginLimit, UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(lifetimeCap, UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(SecurityConfiguration::refuseCsrfTokenInQuery, org.springframework.security.web.csrf.CsrfFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .requestMatchers(HttpMethod.POST, "/logout").authenticated()
                        .requestMatchers("/actuator/**").hasAnyAuthority(Role.AUDITOR.authority(),
                                Role.PRIVACY_OFFICER.authority(), ApiScope.METRICS_READ.authority())
                        .requestMatchers("/console", "/console/**").hasAnyAuthority(STAFF_ROLES)
                        .anyRequest().denyAll())
                .csrf(c -> {
                    if (csrfExempt.length > 0) {
                        c.ignoringRequestMatchers(csrfExempt);
                    }
                })
                .formLogin(f -> f.loginPage("/login").loginProcessingUrl("/login")
                        .successHandler(outcomes).failureHandler(outcomes).permitAll())
                // A relative Location for the login redirect: the default builds an absolute URL from the request's
                // Host header, so "Host: evil.example" would send the browser there (issue 24). Every other redirect
                // is relative already (Spring MVC "redirect:", Tomcat's relative redirects).
                .exceptionHandling(e -> e.authenticationEntryPoint(relativeLoginRedirect()))
                // No deleteCookies: Spring Session expires VERN_SESSION itself on invalidation, with the cookie's
                // HttpOnly, Secure and SameSite attributes (deleteCookies would add a bare second Set-Cookie).
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").invalidateHttpSession(true))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        .addHeaderWriter(pageCsp)
                        .addHeaderWriter(swaggerCsp)
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny())
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), interest-cohort=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        if (singleSignOn != null) {
            singleSignOn.apply(http);
        }
        return http.build();
    }

    /**
     * A CSRF token counts only from the header or a form body (issue 24): one in the query string ends up in
     * logs, Referer headers and history, so a request carrying {@code _csrf} in its query is refused (403).
     */
    private static void refuseCsrfTokenInQuery(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
            jakarta.servlet.FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
        String query = ((jakarta.servlet.http.HttpServletRequest) request).getQueryString();
        if (query != null && java.util.Arrays.stream(query.split("&")).anyMatch(p -> p.equals("_csrf") || p.startsWith("_csrf="))) {
            ((jakarta.servlet.http.HttpServletResponse) response).sendError(403);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The page policy with more origins a form post may lead to: logout is a POST that ends at the identity
     * provider's logout page, and browsers hold redirects after a form post to {@code form-action}.
     */
    static String withFormActions(String csp, List<String> origins) {
        return origins.isEmpty() ? csp : csp.replace("form-action 'self'", "form-action 'self' " + String.join(" ", origins));
    }

    private static LoginUrlAuthenticationEntryPoint relativeLoginRedirect() {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    /** The security chains run these filters; Boot must not also register them for every request. */
    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerFilterRegistration(BearerTokenFilter filter) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SessionLifetimeCap> lifetimeCapRegistration(SessionLifetimeCap filter) {
        FilterRegistrationBean<SessionLifetimeCap> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<LoginRateLimitFilter> loginLimitRegistration(LoginRateLimitFilter filter) {
        FilterRegistrationBean<LoginRateLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }


    /** Clean URLs after login (no "?continue"): a null parameter name is how Spring Security turns it off. */
    @SuppressWarnings("NullAway") // the setter accepts null (documented) but is not annotated @Nullable
    private static HttpSessionRequestCache savedRequestsWithoutParameter() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

}
