package no.vern.requests.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import no.vern.requests.CaseEvent;
import no.vern.shared.LabelsTest;
import no.vern.shared.TimeFormat;

/** A case's history said from action codes and arguments in the reader's language (issue 23 item 3). */
class CaseHistoryLinesTest {

    static final Locale NB = Locale.forLanguageTag("nb");
    static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

    final CaseHistoryLines lines = new CaseHistoryLines(LabelsTest.bundles(), LabelsTest.labels(), new TimeFormat());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    CaseHistoryLines.Line one(CaseEvent event, Locale locale) {
        LocaleContextHolder.setLocale(locale);
        return lines.render(List.of(event), locale).get(0);
    }

    @Test
    void aReceivedRequestReadsInNorwegianWithItsChannelAndWhetherThePersonIsOnFile() {
        CaseHistoryLines.Line line = one(new CaseEvent(AT, "anonymous:anonymous", "received", "channel email, not on file",
                List.of("EMAIL", "0")), NB);

        assertThat(line.actor()).isEqualTo("anonym besøkende");
        assertThat(line.text()).isEqualTo("Mottatt via E-post; finnes ikke i registeret");
        assertThat(line.englishNote()).isNull();
    }

    @Test
    void theSameLineReadsInEnglishOnEnglishPages() {
        CaseHistoryLines.Line line = one(new CaseEvent(AT, "staff:kari", "received", "channel email, on file (2 subject(s))",
                List.of("EMAIL", "2")), Locale.ENGLISH);

        assertThat(line.actor()).isEqualTo("kari");
        assertThat(line.text()).isEqualTo("Received by Email; on file (2 person(s))");
    }

    @Test
    void statusesGroundsAndDatesAreWordsNotCodes() {
        assertThat(one(new CaseEvent(AT, "staff:kari", "status", "in_progress", List.of("IN_PROGRESS")), NB).text())
                .isEqualTo("Status: Under behandling");
        assertThat(one(new CaseEvent(AT, "staff:kari", "extended", "2 month(s), due 2027-03-01T22:59:59Z",
                List.of("2", "2027-03-01T22:59:59Z")), NB).text())
                .isEqualTo("Fristen forlenget med 2 måned(er), ny frist 01.03.2027");
        assertThat(one(new CaseEvent(AT, "system:requests-case-purge", "personal-data-deleted", "retention period after closing: P3Y",
                List.of("P3Y")), NB).text()).endsWith("(3 år)");
    }

    @Test
    void anErasureThatKeptCategoriesNamesThemAndThePurposeByTheRecord() {
        String text = one(new CaseEvent(AT, "staff:kari", "erased-except-kept", "erased email; kept …",
                List.of("category:email", "purpose:customer-administration", "category:postal-address", "2030-12-31")), NB).text();

        assertThat(text).isEqualTo("Slettet: E-post. Beholdt etter rettslig plikt: Postadresse for Kundeforhold til 31.12.2030");
    }

    @Test
    void aLineFromBeforeTheArgumentsSaysItsActionInWordsAndKeepsTheEnglishNoteAsEnglish() {
        CaseHistoryLines.Line line = one(new CaseEvent(AT, "anonymous:anonymous", "received", "channel email, not on file"), NB);

        assertThat(line.text()).isEqualTo("Mottatt");
        assertThat(line.englishNote()).isEqualTo("channel email, not on file");
    }

    @Test
    void everyActionTheCaseFilesWriteHasAWordInBothLanguages() {
        for (String action : List.of("received", "duplicate-linked", "status", "assigned", "verified", "extended", "refused",
                "note", "asked-person", "person-answered", "step-waived", "step-retried", "systems-started",
                "recipient-told", "recipients-to-inform", "rectified", "acting-on-subjects", "restricted", "erased",
                "erased-except-kept", "objection-recorded", "objection-upheld", "objection-rejected", "consents-withdrawn",
                "personal-data-deleted", "certificate-waiting", "certificate-sent", "certificate-not-sent",
                "certificate-issued", "answer-held", "subjects-found", "verification-by-handler", "code-limited",
                "code-sent", "restriction-lift-told")) {
            assertThat(lines.action(action, NB)).as(action).isNotEqualTo(action);
            assertThat(lines.action(action, Locale.ENGLISH)).as(action).isNotEqualTo(action);
        }
    }

    @Test
    void theCertificateLinesOfAnErasureAreSaidFromTheirCodesNotTheStoredEnglish() {
        CaseEvent notSent = new CaseEvent(AT, "system:requests-certificates", "certificate-not-sent",
                "the address was no longer held", List.of());
        assertThat(one(notSent, NB).text()).isEqualTo("Slettebevis ikke sendt: adressen var ikke lenger lagret");
        assertThat(one(notSent, NB).englishNote()).isNull();
        assertThat(one(notSent, Locale.ENGLISH).text()).isEqualTo("Erasure certificate not sent: the address was no longer held");
        assertThat(one(new CaseEvent(AT, "system:requests-certificates", "certificate-issued", "sha256 ab12, 2 system step(s)",
                List.of("ab12", "2")), NB).text()).isEqualTo("Slettebevis utstedt (SHA-256 ab12, 2 steg i andre systemer)");
    }
}
