package no.vern.shared.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language of every page: Norwegian (bokmål) by default, English with {@code ?lang=en}, and the
 * choice remembered in a cookie (rule 8: both languages for everything a data subject sees). The cookie
 * follows the same {@code Secure} switch as the session cookie ({@code server.servlet.session.cookie.secure},
 * on unless a plain-HTTP demo turns it off). Date-and-time fields bind to {@link java.time.Instant} in Oslo
 * time ({@link DateTimeInputConverter}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** Norwegian bokmål, the default language. */
    static final Locale NORWEGIAN = Locale.forLanguageTag("nb");
    static final List<Locale> SUPPORTED = List.of(NORWEGIAN, Locale.ENGLISH);

    private final boolean secureCookies;

    WebConfiguration(@Value("${server.servlet.session.cookie.secure:true}") boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("VERN_LANG");
        resolver.setDefaultLocaleFunction(request -> NORWEGIAN);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setCookieSecure(secureCookies);
        return resolver;
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(new DateTimeInputConverter());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new SupportedLocalesOnly(interceptor));
    }
}
