package no.vern.shared.internal;

import java.io.IOException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ConditionalOnEnabledResourceChain;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Two servlet filters that Spring Boot would register for every request, registered here instead so that
 * {@code /api/**} skips what it does not use (issue 28 item 2): the HTTP server observation is replaced there by
 * {@link ApiRequestTimer} (the same {@code http.server.requests} timer and tags), and the resource chain's URL
 * rewriting (which wraps every response so that templates can link to versioned static files) is left out, since an
 * API answer renders no template. Both are the same registrations as Spring Boot's otherwise (its own back off,
 * {@code @ConditionalOnMissingFilterBean}).
 */
@Configuration(proxyBeanMethods = false)
class ApiPathFilters {

    /** Replaces {@code WebMvcObservationAutoConfiguration}'s filter: same order and dispatcher types. */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> apiAwareObservationFilter(ObservationRegistry observations,
            ObjectProvider<ServerRequestObservationConvention> customConvention, MeterRegistry meters,
            @Value("${management.observations.http.server.requests.name:http.server.requests}") String name) {
        ServerRequestObservationConvention convention = customConvention
                .getIfAvailable(() -> new DefaultServerRequestObservationConvention(name));
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
                new ApiRequestTimer(observations, convention, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /** Replaces {@code ThymeleafAutoConfiguration}'s filter: same dispatcher types, not on {@code /api/**}. */
    @Bean
    @ConditionalOnEnabledResourceChain
    FilterRegistrationBean<ResourceUrlEncodingFilter> pagesOnlyResourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
                new PagesOnlyResourceUrlEncodingFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /** {@link ResourceUrlEncodingFilter} for everything but {@code /api/**}. */
    static final class PagesOnlyResourceUrlEncodingFilter extends ResourceUrlEncodingFilter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request instanceof HttpServletRequest http && ApiRequestTimer.isApi(http)) {
                chain.doFilter(request, response);
            } else {
                super.doFilter(request, response, chain);
            }
        }
    }
}
