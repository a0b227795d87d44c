package no.vern.shared.internal;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Lets {@code ?lang=} switch only between Norwegian and English, ignoring anything else. */
final class SupportedLocalesOnly implements HandlerInterceptor {

    private final LocaleChangeInterceptor delegate;

    SupportedLocalesOnly(LocaleChangeInterceptor delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws jakarta.servlet.ServletException {
        String lang = request.getParameter("lang");
        if (lang != null && WebConfiguration.SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(lang))) {
            return delegate.preHandle(request, response, handler);
        }
        return true;
    }
}
