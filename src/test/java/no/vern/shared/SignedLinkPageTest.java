package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/** Every page behind a signed link refuses a bad link the same way and runs the page only for a verified one. */
class SignedLinkPageTest {

    @Test
    void aVerifiedLinkShowsItsPage() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(SignedLinkPage.open(Optional.of("receipt-1"), response, id -> "consent/withdraw:" + id))
                .isEqualTo("consent/withdraw:receipt-1");
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aBadLinkIsRefusedWith404AndTheOneRefusalPageWithoutRunningThePage() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        String view = SignedLinkPage.open(Optional.<String>empty(), response, id -> {
            throw new AssertionError("the page must not run for a bad link");
        });
        assertThat(view).isEqualTo(SignedLinkPage.REFUSED).isEqualTo("link-refused");
        assertThat(response.getStatus()).isEqualTo(404);
    }

    @Test
    void thePageIsInTheLanguageOfItsAddressForThisRequestOnly() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();
        SignedLinkPage.open(Optional.empty(), Locale.ENGLISH, request, response, id -> "page");
        assertThat(request.getAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME)).isEqualTo(Locale.ENGLISH);
        assertThat(response.getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(response.getCookies()).isEmpty();
        assertThat(response.getStatus()).isEqualTo(404);
    }

    @Test
    void eachAddressGivesItsLanguageAndTheLanguageSwitchRedirectsToTheOtherAddress() {
        SignedLinkPage.Addresses addresses = new SignedLinkPage.Addresses("/samtykke/trekk-tilbake/", "/consent/withdraw/");
        MockHttpServletRequest english = new MockHttpServletRequest("GET", "/consent/withdraw/abc");
        MockHttpServletRequest norwegian = new MockHttpServletRequest("GET", "/samtykke/trekk-tilbake/abc");
        assertThat(addresses.language(english)).isEqualTo(Locale.ENGLISH);
        assertThat(addresses.language(norwegian)).isEqualTo(SignedLinkPage.NORWEGIAN);
        assertThat(addresses.base(Locale.ENGLISH)).isEqualTo("/consent/withdraw/");
        assertThat(addresses.switchTo("en", SignedLinkPage.NORWEGIAN, "abc")).contains("redirect:/consent/withdraw/abc");
        assertThat(addresses.switchTo("nb", Locale.ENGLISH, "abc")).contains("redirect:/samtykke/trekk-tilbake/abc");
        assertThat(addresses.switchTo("en", Locale.ENGLISH, "abc")).isEmpty();
        assertThat(addresses.switchTo(null, SignedLinkPage.NORWEGIAN, "abc")).isEmpty();
    }
}
