package no.vern.shared;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages a person reaches from a signed link in a mail, without logging in (withdraw a consent, stop a
 * mailing list, cancel an event sign-up, answer a consent request or a notice before deletion): the module
 * verifies the token ({@link IdSigner}) and hands the result here, and every such page refuses a link that is
 * incomplete, altered or no longer valid the same way, with 404 and the one page {@link #REFUSED} that says
 * so and shows nothing else. Pages whose address carries their language ({@code /samtykke/…}, {@code /consent/…})
 * set it for the request only with {@link #language}.
 */
public final class SignedLinkPage {

    /** The refusal page (template {@code link-refused}). */
    public static final String REFUSED = "link-refused";
    /** Norwegian bokmål, the language of the Norwegian addresses. */
    public static final Locale NORWEGIAN = Locale.forLanguageTag("nb");

    private SignedLinkPage() {
    }

    /**
     * The two addresses of a page, each giving it its language (e.g. {@code /samtykke/trekk-tilbake/} and
     * {@code /consent/withdraw/}); a controller maps both to one handler.
     *
     * @param norwegian the Norwegian base path, ending in {@code /}
     * @param english the English base path, ending in {@code /}
     */
    public record Addresses(String norwegian, String english) {

        /** The language of the address the request came to. */
        public Locale language(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith(english) ? Locale.ENGLISH : NORWEGIAN;
        }

        /** The base path in a language. */
        public String base(Locale language) {
            return "en".equals(language.getLanguage()) ? english : norwegian;
        }

        /**
         * The redirect to the same page at the other address when {@code ?lang=} asks for the other language (the
         * language switch of the public layout); empty when it does not.
         */
        public Optional<String> switchTo(@Nullable String lang, Locale current, String rest) {
            boolean english = "en".equals(current.getLanguage());
            if (english ? "nb".equals(lang) : "en".equals(lang)) {
                return Optional.of("redirect:" + (english ? norwegian : this.english) + rest);
            }
            return Optional.empty();
        }
    }

    /**
     * The view for a link: {@code page} of what the verified token names, or the refusal when the token did not
     * verify (or names nothing that still exists).
     */
    public static <T> String open(Optional<T> verified, HttpServletResponse response, Function<? super T, String> page) {
        return verified.map(page).orElseGet(() -> refuse(response));
    }

    /** The same as {@link #open(Optional, HttpServletResponse, Function)}, in the language of the page's address. */
    public static <T> String open(Optional<T> verified, Locale language, HttpServletRequest request,
            HttpServletResponse response, Function<? super T, String> page) {
        language(language, request, response);
        return open(verified, response, page);
    }

    /** Refuses the link: 404 and the one refusal page. */
    public static String refuse(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return REFUSED;
    }

    /** Shows the page in the language its address gives, for this request only (no cookie is set). */
    public static void language(Locale language, HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, language);
        response.setLocale(language);
    }
}
