package no.vern.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import no.vern.connectors.ConnectorType;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;

/**
 * A connector description that is wrong somewhere deep is said with the place as the description's own path
 * ({@code tables[1].erase.fields[0]}), quoted, inside a sentence in the reader's language: never an English phrase
 * such as "an erase field of customer" inside a Norwegian sentence (issue 23 item 3).
 */
class ConfigPathWordsTest {

    static final Locale NB = Locale.forLanguageTag("nb");

    final Labels labels = AddressRefusalWordsTest.labels();

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aListInPlaceOfAColumnOfTheSecondTableIsNamedByItsPathInNorwegianAndEnglish() {
        String jdbc = """
                url: jdbc:postgresql://crm/crm
                credentials: env:VERN_CONNECTOR_CRM
                tables:
                  - name: customer
                    identity: { email: email }
                    categories: { email: [email] }
                    erase: { action: DELETE_ROW }
                  - name: contact
                    identity: { email: email }
                    categories: { name: [first, [last]] }
                    erase: { action: NULL_FIELDS, fields: [[email]] }
                """;
        InvalidInput refused = catchThrowableOfType(InvalidInput.class,
                () -> ConnectorConfig.parse(ConnectorType.JDBC, jdbc));
        InvalidInput.FieldError error = refused.errors().get(0);
        assertThat(error.args()).containsExactly("tables[1].categories.name[1]");

        LocaleContextHolder.setLocale(NB);
        assertThat(labels.error(error)).isEqualTo("«tables[1].categories.name[1]» må være tekst, ikke en liste eller mapping");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.error(error)).isEqualTo("\"tables[1].categories.name[1]\" must be text, not a list or mapping");
    }

    @Test
    void anUnknownKeyOfATablesEraseIsNamedByThePathOfTheErase() {
        String jdbc = """
                url: jdbc:postgresql://crm/crm
                credentials: env:VERN_CONNECTOR_CRM
                tables:
                  - name: customer
                    identity: { email: email }
                    categories: { email: [email] }
                    erase: { action: DELETE_ROW, when: always }
                """;
        InvalidInput.FieldError error = catchThrowableOfType(InvalidInput.class,
                () -> ConnectorConfig.parse(ConnectorType.JDBC, jdbc)).errors().get(0);

        LocaleContextHolder.setLocale(NB);
        assertThat(labels.error(error)).isEqualTo("«tables[0].erase»: ukjent nøkkel «when» (tillatt: action, fields, value)");
    }
}
