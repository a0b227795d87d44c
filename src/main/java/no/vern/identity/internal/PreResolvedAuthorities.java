package no.vern.identity.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.authorization.method.MethodAuthorizationDeniedHandler;
import org.springframework.security.core.Authentication;

/**
 * {@code @PreAuthorize} without evaluating SpEL on every call (issue 28 item 2): the expressions Vern writes are
 * authority checks ({@code hasAuthority('SCOPE_consent:read')}, {@code hasRole('PRIVACY_OFFICER')},
 * {@code hasAnyRole(…)}, {@code hasAnyAuthority(…)}, {@code permitAll()}, {@code isAuthenticated()}); for a method
 * annotated directly with one of these, the expression is read once and checked from then on by Spring Security's own
 * {@link AuthorityAuthorizationManager} / {@link AuthenticatedAuthorizationManager} (the same managers the expressions
 * call), so the outcome is the same, without building an evaluation context and expression root per call. Anything
 * else (another expression, an annotation on the class or an interface, a custom role prefix or role hierarchy) goes
 * to Spring Security's {@code PreAuthorizeAuthorizationManager} as before. {@code AuthorizationMatrixTest} proves
 * the outcomes endpoint by endpoint.
 */
final class PreResolvedAuthorities implements AuthorizationManager<MethodInvocation>, MethodAuthorizationDeniedHandler {

    private static final String QUOTED = "\\s*'([A-Za-z0-9_:.\\-]+)'\\s*";
    private static final Pattern ONE = Pattern.compile("\\s*(hasAuthority|hasRole)\\(" + QUOTED + "\\)\\s*");
    private static final Pattern ANY = Pattern
            .compile("\\s*(hasAnyAuthority|hasAnyRole)\\((" + QUOTED + "(?:," + QUOTED + ")*)\\)\\s*");
    private static final Pattern PERMIT_ALL = Pattern.compile("\\s*permitAll\\(\\)\\s*");
    private static final Pattern AUTHENTICATED = Pattern.compile("\\s*isAuthenticated\\(\\)\\s*");

    private final AuthorizationManager<MethodInvocation> expressions;
    private final MethodAuthorizationDeniedHandler denied;
    private final ConcurrentMap<MethodClassKey, AuthorizationManager<MethodInvocation>> managers =
            new ConcurrentHashMap<>();

    <M extends AuthorizationManager<MethodInvocation> & MethodAuthorizationDeniedHandler> PreResolvedAuthorities(
            M expressions) {
        this.expressions = expressions;
        this.denied = expressions;
    }

    @Override
    public @Nullable AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
            MethodInvocation invocation) {
        Object target = invocation.getThis();
        Class<?> targetClass = target == null ? invocation.getMethod().getDeclaringClass() : AopUtils.getTargetClass(target);
        MethodClassKey key = new MethodClassKey(invocation.getMethod(), targetClass);
        AuthorizationManager<MethodInvocation> manager = managers.get(key);
        if (manager == null) {
            manager = managers.computeIfAbsent(key, k -> resolve(invocation.getMethod(), targetClass));
        }
        return manager.authorize(authentication, invocation);
    }

    @Override
    public @Nullable Object handleDeniedInvocation(MethodInvocation invocation, AuthorizationResult result) {
        return denied.handleDeniedInvocation(invocation, result);
    }

    /** The manager for a method: pre-resolved if its own annotation is a plain authority check, else SpEL. */
    private AuthorizationManager<MethodInvocation> resolve(Method method, Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        MergedAnnotation<PreAuthorize> annotation = MergedAnnotations.from(specific, SearchStrategy.DIRECT)
                .get(PreAuthorize.class);
        if (!annotation.isDirectlyPresent()) {
            return expressions;
        }
        AuthorizationManager<MethodInvocation> resolved = resolve(annotation.getString("value"));
        return resolved == null ? expressions : resolved;
    }

    /** The manager an expression stands for, or null if it is not one of the plain forms. */
    static @Nullable AuthorizationManager<MethodInvocation> resolve(String expression) {
        if (PERMIT_ALL.matcher(expression).matches()) {
            return SingleResultAuthorizationManager.permitAll();
        }
        if (AUTHENTICATED.matcher(expression).matches()) {
            return AuthenticatedAuthorizationManager.authenticated();
        }
        Matcher one = ONE.matcher(expression);
        if (one.matches()) {
            String name = one.group(2);
            if (one.group(1).equals("hasAuthority")) {
                return AuthorityAuthorizationManager.hasAuthority(name);
            }
            return name.startsWith("ROLE_") ? null : AuthorityAuthorizationManager.hasRole(name);
        }
        Matcher any = ANY.matcher(expression);
        if (any.matches()) {
            String[] names = Arrays.stream(any.group(2).split(",")).map(String::strip)
                    .map(s -> s.substring(1, s.length() - 1)).toArray(String[]::new);
            if (any.group(1).equals("hasAnyAuthority")) {
                return AuthorityAuthorizationManager.hasAnyAuthority(names);
            }
            return List.of(names).stream().anyMatch(n -> n.startsWith("ROLE_")) ? null
                    : AuthorityAuthorizationManager.hasAnyRole(names);
        }
        return null;
    }
}
