package no.vern.shared.internal;

import java.io.IOException;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ConditionalOnEnabledResourceChain;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;
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
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

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
    FilterRegistrationBean<ResourceUrlEncodingFilter> pagesOnlyResourceUrlEncodingFilter(ResourceLoader loader,
            ObjectProvider<WebProperties> web) {
        List<String> locations = List.of(web.getIfAvailable(WebProperties::new).getResources().getStaticLocations());
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
                new PagesOnlyResourceUrlEncodingFilter(new StaticLinks(loader, locations)));
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /**
     * {@link ResourceUrlEncodingFilter} for everything but {@code /api/**}, and on a page only for the links that can
     * name a static file ({@link StaticLinks}): a link to another page is written as it is, without asking every static
     * location for it.
     */
    static final class PagesOnlyResourceUrlEncodingFilter extends ResourceUrlEncodingFilter {

        private final StaticLinks statics;

        PagesOnlyResourceUrlEncodingFilter(StaticLinks statics) {
            this.statics = statics;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request instanceof HttpServletRequest http && ApiRequestTimer.isApi(http)) {
                chain.doFilter(request, response);
            } else if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse plain) {
                super.doFilter(request, response, (req, encoding) -> chain.doFilter(req,
                        new StaticLinksOnly((HttpServletResponse) encoding, plain, http.getContextPath(), statics)));
            } else {
                super.doFilter(request, response, chain);
            }
        }
    }

    /** A response whose {@code encodeURL} rewrites only links that can name a static file. */
    static final class StaticLinksOnly extends HttpServletResponseWrapper {

        private final HttpServletResponse plain;
        private final String contextPath;
        private final StaticLinks statics;

        StaticLinksOnly(HttpServletResponse encoding, HttpServletResponse plain, String contextPath, StaticLinks statics) {
            super(encoding);
            this.plain = plain;
            this.contextPath = contextPath;
            this.statics = statics;
        }

        @Override
        public String encodeURL(String url) {
            boolean inContext = url.startsWith(contextPath);
            return inContext && statics.mayName(url.substring(contextPath.length())) ? super.encodeURL(url)
                    : plain.encodeURL(url);
        }
    }
}
