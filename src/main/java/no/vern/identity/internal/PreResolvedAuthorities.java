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
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.MethodAuthorizationDeniedHandler;
import org.springframework.security.core.Authentication;

/**
 * {@code @PreAuthorize} without evaluating SpEL on every call (issue 28 item 2): the expressions Vern writes are
 * authority checks ({@code hasAuthority('SCOPE_consent:read')}, {@code hasRole('PRIVACY_OFFICER')},
 * {@code hasAnyRole(…)}, {@code hasAnyAuthority(…)}, {@code permitAll()}, {@code isAuthenticated()}); for a method
 * annotated directly with one of these, the expression is read once and checked from then on by the manager that
 * Spring Security's {@link AuthorizationManagerFactory} makes for it (the factory the expressions themselves call), so the outcome is the same, without building an evaluation context and expression root per call. Anything
 * else (another expression, an annotation on the class or an interface) goes to Spring Security's
 * {@code PreAuthorizeAuthorizationManager} as before. {@code AuthorizationMatrixTest} proves
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
    private final AuthorizationManagerFactory<MethodInvocation> factory;
    private final ConcurrentMap<MethodClassKey, AuthorizationManager<MethodInvocation>> managers =
            new ConcurrentHashMap<>();

    <M extends AuthorizationManager<MethodInvocation> & MethodAuthorizationDeniedHandler> PreResolvedAuthorities(
            M expressions, AuthorizationManagerFactory<MethodInvocation> factory) {
        this.expressions = expressions;
        this.denied = expressions;
        this.factory = factory;
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
        AuthorizationManager<MethodInvocation> resolved = resolve(annotation.getString("value"), factory);
        return resolved == null ? expressions : resolved;
    }

    /**
     * The manager an expression stands for, made by the factory the expressions themselves use (role prefix, role
     * hierarchy and any required factors included), or null if it is not one of the plain forms.
     */
    static @Nullable AuthorizationManager<MethodInvocation> resolve(String expression,
            AuthorizationManagerFactory<MethodInvocation> factory) {
        if (PERMIT_ALL.matcher(expression).matches()) {
            return factory.permitAll();
        }
        if (AUTHENTICATED.matcher(expression).matches()) {
            return factory.authenticated();
        }
        Matcher one = ONE.matcher(expression);
        if (one.matches()) {
            String name = one.group(2);
            if (one.group(1).equals("hasAuthority")) {
                return factory.hasAuthority(name);
            }
            return name.startsWith("ROLE_") ? null : factory.hasRole(name);
        }
        Matcher any = ANY.matcher(expression);
        if (any.matches()) {
            String[] names = Arrays.stream(any.group(2).split(",")).map(String::strip)
                    .map(s -> s.substring(1, s.length() - 1)).toArray(String[]::new);
            if (any.group(1).equals("hasAnyAuthority")) {
                return factory.hasAnyAuthority(names);
            }
            return List.of(names).stream().anyMatch(n -> n.startsWith("ROLE_")) ? null : factory.hasAnyRole(names);
        }
        return null;
    }
}
