package no.vern.shared;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

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
