package no.vern.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import no.vern.shared.AddressGuard;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
import no.vern.shared.RecordNames;

/**
 * Why the address guard refused an address, said in the reader's language (issue 23 item 2): the guard gives a
 * reason code, a connector's refused address is a coded field error with that code as its argument, and no
 * Norwegian sentence carries the guard's English.
 */
class AddressRefusalWordsTest {

    static final Locale NB = Locale.forLanguageTag("nb");

    final Labels labels = labels();
    final AddressGuard guard = new AddressGuard(host -> List.of(InetAddress.getByName("10.1.2.3")));

    static Labels labels() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages", "i18n/labels", "i18n/connectors");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new Labels(messages, new StaticListableBeanFactory().getBeanProvider(RecordNames.class));
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void everyReasonTheGuardCanGiveHasItsOwnNorwegianAndEnglishWords() {
        for (AddressGuard.Reason reason : AddressGuard.Reason.values()) {
            LocaleContextHolder.setLocale(NB);
            String nb = labels.argument(reason.argument());
            LocaleContextHolder.setLocale(Locale.ENGLISH);
            String en = labels.argument(reason.argument());
            assertThat(nb).as(reason.name()).doesNotContain("address-refusal").isNotEqualTo(reason.english())
                    .doesNotContainPattern("(?i)\\b(?:the|is|address|refused|invalid|host)\\b");
            assertThat(en).as(reason.name()).doesNotContain("address-refusal").isNotEqualTo(nb);
        }
    }

    @Test
    void aConnectorAddressInAPrivateNetworkIsRefusedWithAReasonSaidInNorwegianAndEnglish() throws Exception {
        AddressGuard.Refused refused = catchThrowableOfType(AddressGuard.Refused.class,
                () -> guard.check("10.0.0.5", AddressGuard.Allowances.NONE));
        assertThat(refused.reason()).isEqualTo(AddressGuard.Reason.PRIVATE);
        assertThat(refused.getMessage()).isEqualTo("private address refused"); // the API's English stays
        InvalidInput.FieldError error = InvalidInput.FieldError.coded("config", "url: private address refused",
                "connectors.error.addressConfigurable", refused.reason().argument());

        LocaleContextHolder.setLocale(NB);
        assertThat(labels.error(error)).isEqualTo("url: adressen er avvist: adressen er i et privat nett. "
                + "Slike adresser kan bare tillates i serverens innstillinger");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.error(error)).isEqualTo("url: the address is refused: the address is in a private network. "
                + "Such addresses can be allowed only in the server's configuration");
    }

    @Test
    void loopbackMetadataAndNumericTricksEachHaveTheirOwnReason() {
        assertThat(reason("127.0.0.1")).isEqualTo(AddressGuard.Reason.LOOPBACK);
        assertThat(reason("169.254.169.254")).isEqualTo(AddressGuard.Reason.LINK_LOCAL);
        assertThat(reason("2130706433")).isEqualTo(AddressGuard.Reason.NON_CANONICAL);
        assertThat(reason("[::ffff:10.0.0.1]")).isEqualTo(AddressGuard.Reason.PRIVATE);
        assertThat(reason("internal.example")).as("a name that resolves to a private address").isEqualTo(AddressGuard.Reason.PRIVATE);
        LocaleContextHolder.setLocale(NB);
        assertThat(labels.argument(AddressGuard.Reason.LINK_LOCAL.argument())).contains("metadatatjeneste");
    }

    private AddressGuard.Reason reason(String host) {
        return catchThrowableOfType(AddressGuard.Refused.class, () -> guard.check(host, AddressGuard.Allowances.NONE)).reason();
    }
}
