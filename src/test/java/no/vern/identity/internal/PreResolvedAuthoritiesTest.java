package no.vern.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ReflectiveMethodInvocation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Issue 28 item 2: {@code @PreAuthorize} of a plain authority expression is checked without SpEL per call, with the
 * same outcome as the expression for every kind of caller; any other expression is still SpEL.
 */
class PreResolvedAuthoritiesTest {

    static class Guarded {
        @PreAuthorize("hasAuthority('SCOPE_consent:read')")
        void scope() {
        }

        @PreAuthorize("hasRole('PRIVACY_OFFICER')")
        void officer() {
        }

        @PreAuthorize("hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER', 'AUDITOR')")
        void staff() {
        }

        @PreAuthorize("hasAnyAuthority('SCOPE_a:read', 'SCOPE_b:read')")
        void scopes() {
        }

        @PreAuthorize("permitAll()")
        void open() {
        }

        @PreAuthorize("isAuthenticated()")
        void signedIn() {
        }

        @PreAuthorize("hasRole('PRIVACY_OFFICER') and hasAuthority('SCOPE_x')")
        void compound() {
        }

        @PreAuthorize("hasRole('ROLE_PRIVACY_OFFICER')")
        void prefixed() {
        }
    }

    private static final AuthorizationManagerFactory<MethodInvocation> FACTORY = new DefaultAuthorizationManagerFactory<>();

    private static final List<Authentication> CALLERS = List.of(
            new TestingAuthenticationToken("api", "x", "SCOPE_consent:read"),
            new TestingAuthenticationToken("api2", "x", "SCOPE_a:read"),
            new TestingAuthenticationToken("api3", "x", "SCOPE_b:read", "SCOPE_x"),
            new TestingAuthenticationToken("officer", "x", "ROLE_PRIVACY_OFFICER", "SCOPE_x"),
            new TestingAuthenticationToken("handler", "x", "ROLE_CASE_HANDLER"),
            new TestingAuthenticationToken("sales", "x", "ROLE_SALES"),
            new TestingAuthenticationToken("nobody", "x"),
            new AnonymousAuthenticationToken("key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

    @Test
    void everyPlainExpressionIsResolvedOnceAndAnythingElseStaysSpel() {
        for (String expression : List.of("hasAuthority('SCOPE_consent:read')", "hasRole('PRIVACY_OFFICER')",
                "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER', 'AUDITOR')", "hasAnyAuthority('SCOPE_a:read', 'SCOPE_b:read')",
                "permitAll()", "isAuthenticated()")) {
            assertThat(PreResolvedAuthorities.resolve(expression, FACTORY)).as(expression).isNotNull();
        }
        for (String expression : List.of("hasRole('PRIVACY_OFFICER') and hasAuthority('SCOPE_x')",
                "hasRole('ROLE_PRIVACY_OFFICER')", "@bean.allows(#id)", "hasAuthority(#scope)", "denyAll()",
                "hasAuthority('a') or true")) {
            assertThat(PreResolvedAuthorities.resolve(expression, FACTORY)).as(expression).isNull();
        }
    }

    @Test
    void theOutcomeIsTheExpressionsForEveryCallerAndMethod() throws Exception {
        PreAuthorizeAuthorizationManager spel = new PreAuthorizeAuthorizationManager();
        PreResolvedAuthorities resolved = new PreResolvedAuthorities(new PreAuthorizeAuthorizationManager(), FACTORY);
        int compared = 0;
        for (Method method : Guarded.class.getDeclaredMethods()) {
            if (!method.isAnnotationPresent(PreAuthorize.class)) {
                continue;
            }
            for (Authentication caller : CALLERS) {
                MethodInvocation invocation = invocation(method);
                assertThat(granted(resolved, caller, invocation)).as(method.getName() + " for " + caller.getName())
                        .isEqualTo(granted(spel, caller, invocation));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(8 * CALLERS.size());
        // and the outcomes differ between callers (a comparison of two managers that always grant proves nothing)
        MethodInvocation officerOnly = invocation(Guarded.class.getDeclaredMethod("officer"));
        assertThat(granted(resolved, CALLERS.get(3), officerOnly)).isTrue();
        assertThat(granted(resolved, CALLERS.get(4), officerOnly)).isFalse();
        assertThat(granted(resolved, CALLERS.get(7), invocation(Guarded.class.getDeclaredMethod("signedIn"))))
                .isFalse();
    }

    private static boolean granted(AuthorizationManager<MethodInvocation> manager, Authentication caller,
            MethodInvocation invocation) {
        Supplier<Authentication> who = () -> caller;
        @Nullable AuthorizationResult result = manager.authorize(who, invocation);
        return result != null && result.isGranted();
    }

    private static MethodInvocation invocation(Method method) {
        return new ReflectiveMethodInvocation(null, new Guarded(), method, new Object[0], Guarded.class, List.of()) {
        };
    }
}
