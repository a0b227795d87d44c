package no.vern.identity.internal;

import java.io.IOException;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps Spring Session's repository out of the API: {@code /api/**} is stateless (bearer tokens only, see
 * {@link SecurityConfiguration#apiChain}), so its requests pass the session filter untouched, with no session wrapper
 * and no session cookie read; every other request gets the filter as before. Done by replacing the session filter
 * bean with a subclass that hands non-API requests to the original.
 */
final class SessionlessApi implements BeanPostProcessor {

    private final BeanFactory beans;

    SessionlessApi(BeanFactory beans) {
        this.beans = beans;
    }

    static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int context = request.getContextPath().length();
        return uri.startsWith("/api/", context) || uri.length() == context + 4 && uri.startsWith("/api", context);
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof SessionRepositoryFilter<?> filter && !(bean instanceof ApiSkipping<?>)) {
            return new ApiSkipping(beans.getBean(SessionRepository.class), filter);
        }
        return bean;
    }

    /** The session filter for everything but the API. */
    static final class ApiSkipping<S extends Session> extends SessionRepositoryFilter<S> {

        private final SessionRepositoryFilter<S> sessions;

        ApiSkipping(SessionRepository<S> repository, SessionRepositoryFilter<S> sessions) {
            super(repository);
            this.sessions = sessions;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (isApi(request)) {
                chain.doFilter(request, response);
            } else {
                sessions.doFilter(request, response, chain);
            }
        }

        @Override
        protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
                FilterChain chain) throws ServletException, IOException {
            doFilterInternal(request, response, chain);
        }
    }
}
