package no.vern.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.test.util.ReflectionTestUtils;

import no.vern.support.VernTest;

/** Vern's {@code @PreAuthorize} interceptor checks with {@link PreResolvedAuthorities} (issue 28 item 2). */
@VernTest
class PreResolvedAuthoritiesWiringTest {

    @Autowired
    ApplicationContext context;

    @Test
    void thePreAuthorizeInterceptorUsesThePreResolvedAuthorities() {
        // Spring Security builds the interceptor on first use behind a deferring one
        Object deferring = context.getBean("preAuthorizeAuthorizationMethodInterceptor");
        Object delegate = ReflectionTestUtils.getField(deferring, "delegate");
        assertThat(delegate).isInstanceOf(Supplier.class);
        Object interceptor = ((Supplier<?>) delegate).get();
        assertThat(interceptor).isInstanceOf(AuthorizationManagerBeforeMethodInterceptor.class);
        assertThat(ReflectionTestUtils.getField(interceptor, "authorizationManager"))
                .isInstanceOf(PreResolvedAuthorities.class);
    }
}
