package no.vern.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import no.vern.connectors.ConnectorType;
import no.vern.shared.InvalidInput;

/**
 * Regressions for hostile connector configurations (issue 14, item 4; see {@link DatasetDescriptionFuzzing}):
 * alias bombs and self-referencing aliases are refused as invalid input instead of expanding without
 * bound or overflowing the stack.
 */
class DatasetDescriptionParsingTests {

    /** The classic "billion laughs": nine levels of ten aliases each, 10^9 strings if expanded. */
    private static final String BILLION_LAUGHS = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            instructions: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;

    @Test
    void aBillionLaughsAliasBombIsRefusedAsInvalidInput() {
        for (ConnectorType type : ConnectorType.values()) {
            assertThatThrownBy(() -> ConnectorConfig.parse(type, BILLION_LAUGHS)).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("neither valid YAML nor JSON");
        }
    }

    @Test
    void aSelfReferencingAliasWhereTextIsExpectedIsRefusedWithoutOverflowingTheStack() {
        assertThatThrownBy(() -> ConnectorConfig.parse(ConnectorType.MANUAL, "instructions: &a [[*a]]"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("instructions must be text");
        String jdbc = """
                url: jdbc:postgresql://crm/crm
                credentials: env:VERN_CONNECTOR_CRM
                tables:
                  - name: customer
                    identity: { email: &a [[*a]] }
                    categories: { email: [email] }
                    erase: { action: DELETE_ROW }
                """;
        assertThatThrownBy(() -> ConnectorConfig.parse(ConnectorType.JDBC, jdbc)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("must be text");
    }

    @Test
    void aMalformedTagIsRefusedAsInvalidInput() {
        // Found by DatasetDescriptionFuzzing: SnakeYAML threw IllegalArgumentException, which became a 500.
        assertThatThrownBy(() -> ConnectorConfig.parse(ConnectorType.MANUAL, "!1%1%")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("neither valid YAML nor JSON");
    }

    @Test
    void aListWhereTextIsExpectedIsRefused() {
        assertThatThrownBy(() -> ConnectorConfig.parse(ConnectorType.WEBHOOK, "url: [https://example.com]\nsecret: env:VERN_CONNECTOR_HR"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("url must be text");
    }

    @Test
    void aValidDescriptionStillParses() {
        ConnectorConfig config = ConnectorConfig.parse(ConnectorType.JDBC, """
                url: jdbc:postgresql://crm/crm
                credentials: env:VERN_CONNECTOR_CRM
                tables:
                  - name: customer
                    identity: { email: email, phone: mobile }
                    categories: { name: [full_name], email: [email] }
                    erase: { action: MASK, fields: [email], value: slettet }
                """);
        assertThat(config).isInstanceOf(ConnectorConfig.Jdbc.class);
        assertThat(((ConnectorConfig.Jdbc) config).tables().get(0).identity()).containsKeys("email", "phone");
    }
}
