package no.vern.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Issue 23 item 3: a step's outcome is kept as a message code with arguments beside the English the API reports, and
 * the rows written before codes existed are recognised by their English and said in the reader's language too.
 */
class StepDetailTest {

    static final Locale NB = Locale.forLanguageTag("nb");

    final ResourceBundleMessageSource messages = bundles();

    static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/connectors", "i18n/labels");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    String said(StepDetail detail, Locale locale) {
        return messages.getMessage(detail.code(), detail.args().toArray(), locale);
    }

    @Test
    void anExportUploadedByTheResponsiblePersonIsSaidInNorwegianAndEnglish() {
        StepDetail uploaded = StepDetail.fixed("export uploaded by the responsible person");
        assertThat(said(uploaded, NB)).isEqualTo("eksport lastet opp av den ansvarlige");
        assertThat(said(uploaded, Locale.ENGLISH)).isEqualTo("export uploaded by the responsible person");
    }

    @Test
    void countsAreArgumentsOfTheMessage() {
        assertThat(said(StepDetail.rowsFound(3, 2), NB)).isEqualTo("3 rader i 2 tabeller");
        assertThat(said(StepDetail.rowsErased(3, 2), NB)).isEqualTo("3 rader slettet i 2 tabeller");
        assertThat(StepDetail.rowsErased(3, 2).english()).isEqualTo("3 rows erased in 2 tables");
        assertThat(said(StepDetail.databaseError("08001"), NB)).isEqualTo("databasefeil (SQLSTATE 08001)");
        assertThat(said(StepDetail.waived("Systemet er lagt ned"), NB)).isEqualTo("frafalt: Systemet er lagt ned");
    }

    @Test
    void aRowWrittenBeforeCodesIsRecognisedByItsEnglish() {
        assertThat(StepDetail.recognise("export uploaded by the responsible person"))
                .isEqualTo(StepDetail.fixed("export uploaded by the responsible person"));
        assertThat(said(StepDetail.recognise("3 rows in 3 tables"), NB)).isEqualTo("3 rader i 3 tabeller");
        assertThat(said(StepDetail.recognise("waived: Slettet for hånd"), NB)).isEqualTo("frafalt: Slettet for hånd");
        assertThat(said(StepDetail.recognise("test: 2 tables, 5 columns found"), NB))
                .isEqualTo("2 tabeller og 5 kolonner funnet");
        assertThat(StepDetail.recognise(null)).isNull();
    }

    @Test
    void aSystemsOwnMessageIsShownAsItCameIntroducedInTheReadersLanguage() {
        StepDetail http = StepDetail.recognise("HTTP 500");
        assertThat(http.code()).isEqualTo(StepDetail.MESSAGE);
        assertThat(said(http, NB)).isEqualTo("melding fra systemet: HTTP 500");
        assertThat(said(StepDetail.message("response refused: no status"), Locale.ENGLISH))
                .isEqualTo("message from the system: response refused: no status");
    }

    @Test
    void everyDetailVernWritesTodayIsRecognisedFromItsEnglishAndHasBothTexts() {
        List<StepDetail> written = List.of(StepDetail.nothingToLookFor(), StepDetail.rowsFound(1, 1),
                StepDetail.rowsErased(0, 2), StepDetail.recordsReported(4), StepDetail.checked(2, 7),
                StepDetail.databaseError("42P01"), StepDetail.internalError("NullPointerException"),
                StepDetail.waived("gone"), StepDetail.callbackRefused("signature"),
                StepDetail.fixed("accepted"), StepDetail.fixed("task sent"),
                StepDetail.fixed("task sent to the responsible person"),
                StepDetail.fixed("waiting for the system's callback"),
                StepDetail.fixed("erasure confirmed by the responsible person"),
                StepDetail.fixed("nothing found, confirmed by the responsible person"),
                StepDetail.fixed("a dry run is only possible for JDBC connectors"),
                StepDetail.fixed("no email address for the responsible person"),
                StepDetail.fixed("tasks go to the responsible person by email"),
                StepDetail.fixed("the system answered without a result"),
                StepDetail.fixed("task mail could not be sent"), StepDetail.fixed("connector or fan-out missing"),
                StepDetail.fixed("identifiers unreadable (case data discarded)"),
                StepDetail.fixed("endpoint answered a signed ping"), StepDetail.fixed(JdbcSystem.UNREACHABLE));
        for (StepDetail d : written) {
            if (!d.code().equals("connectors.detail.internalError")) {
                assertThat(StepDetail.recognise(d.english())).as(d.english()).isEqualTo(d);
            }
            assertThat(said(d, NB)).as(d.code()).doesNotContain("{").isNotEqualTo(d.code());
            assertThat(said(d, Locale.ENGLISH)).as(d.code()).isEqualTo(d.english());
        }
    }
}
