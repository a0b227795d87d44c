package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Machine identifiers in words, in the page's language (issue 23 item 3), from the real message bundles. */
public class LabelsTest {

    static final Locale NB = Locale.forLanguageTag("nb");

    /** The message bundles as the application reads them (labels, messages and a module's own). */
    public static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages", "i18n/labels", "i18n/audit", "i18n/requests", "i18n/processing");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** Labels over the real bundles, with a record that names one purpose and two categories. */
    public static Labels labels() {
        RecordNames names = new RecordNames() {
            @Override
            public Optional<String> purpose(String key, Locale language) {
                return "customer-administration".equals(key)
                        ? Optional.of("en".equals(language.getLanguage()) ? "Customer relationship" : "Kundeforhold")
                        : Optional.empty();
            }

            @Override
            public Optional<String> activity(String id, Locale language) {
                return "pending-consent".equals(id)
                        ? Optional.of("en".equals(language.getLanguage()) ? "Waiting for consent" : "Venter på samtykke")
                        : Optional.empty();
            }

            @Override
            public Optional<String> category(String key, Locale language) {
                return switch (key) {
                    case "email" -> Optional.of("en".equals(language.getLanguage()) ? "Email" : "E-post");
                    case "postal-address" -> Optional.of("en".equals(language.getLanguage()) ? "Postal address" : "Postadresse");
                    default -> Optional.empty();
                };
            }
        };
        return new Labels(bundles(), new StaticListableBeanFactory(Map.of("names", names)).getBeanProvider(RecordNames.class));
    }

    final Labels labels = labels();

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void actorsReadAsPeopleAndJobsInNorwegian() {
        LocaleContextHolder.setLocale(NB);

        assertThat(labels.actor("anonymous:anonymous")).isEqualTo("anonym besøkende");
        assertThat(labels.actor("system:retention-purge")).isEqualTo("jobben Sletting etter lagringstid");
        assertThat(labels.actor("system:a-job-nobody-named")).isEqualTo("en automatisk jobb");
        assertThat(labels.actor("staff:kari")).isEqualTo("kari");
        assertThat(labels.actor("subject:0b8f")).isEqualTo("personen selv");
    }

    @Test
    void actorsReadInEnglishOnEnglishPages() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        assertThat(labels.actor("anonymous:anonymous")).isEqualTo("anonymous visitor");
        assertThat(labels.actor("system:retention-purge")).isEqualTo("the job Deletion after the retention period");
    }

    @Test
    void purposesAndCategoriesAreNamedAsTheRecordNamesThemAndUnknownKeysStayVisible() {
        LocaleContextHolder.setLocale(NB);

        assertThat(labels.purpose("customer-administration")).isEqualTo("Kundeforhold");
        assertThat(labels.purpose("not-in-the-record")).isEqualTo("not-in-the-record");
        assertThat(labels.categories("email,postal-address")).isEqualTo("E-post, Postadresse");
        assertThat(labels.argument("activity:pending-consent")).isEqualTo("Venter på samtykke");
    }

    @Test
    void enumsAuditActionsAndFamiliesAreWords() {
        LocaleContextHolder.setLocale(NB);

        assertThat(labels.enumLabel("RunStatus", "DONE")).isEqualTo("Ferdig");
        assertThat(labels.enumLabel("RunStatus", "UNHEARD_OF")).isEqualTo("UNHEARD_OF");
        assertThat(labels.of(Actor.Kind.SYSTEM)).isEqualTo("SYSTEM");
        assertThat(labels.action("register.subject.read")).isEqualTo("Person lest");
        assertThat(labels.action("identity.login.refused.no-role")).isEqualTo("Innlogging avvist: ingen rolle");
        assertThat(labels.action("made.up.action")).isEqualTo("made.up.action");
        assertThat(labels.code("registerChange", "merged-into subject:1234")).isEqualTo("slått sammen inn i subject:1234");
    }

    @Test
    void aFieldErrorWithACodeIsSaidInThePagesLanguageWithThePurposeByName() {
        InvalidInput.FieldError error = InvalidInput.FieldError.coded("cv",
                "is not needed for purpose 'customer-administration' (data minimisation)", "error.field.notNeeded",
                "purpose:customer-administration");

        LocaleContextHolder.setLocale(NB);
        assertThat(labels.error(error)).isEqualTo("trengs ikke til formålet «Kundeforhold» (dataminimering)");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.error(error)).isEqualTo("is not needed for the purpose “Customer relationship” (data minimisation)");
    }

    @Test
    void aFieldErrorWithoutACodeIsNeverEnglishOnANorwegianPage() {
        InvalidInput.FieldError error = new InvalidInput.FieldError("months", "must be 1 or 2", null, List.of());

        LocaleContextHolder.setLocale(NB);
        assertThat(labels.error(error)).isEqualTo("er ikke gyldig");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.error(error)).isEqualTo("must be 1 or 2");
    }

    @Test
    void aRejectedValueCarriesItsCodeToTheFieldError() {
        LocaleContextHolder.setLocale(NB);
        try {
            EmailAddresses.normalise("ikke en adresse");
        } catch (Rejected e) {
            assertThat(labels.error(e.at("email"))).isEqualTo("er ikke en gyldig e-postadresse");
            return;
        }
        throw new AssertionError("the address was accepted");
    }

    @Test
    void aRefusedActionIsSaidByItsTypeAndInvalidInputByItsFields() {
        LocaleContextHolder.setLocale(NB);

        assertThat(labels.problem(new NotFound("Request", 12))).isEqualTo("Fant ikke det du ba om.");
        assertThat(labels.problem(new InvalidInput(InvalidInput.FieldError.coded("email", "is required", "error.field.required"))))
                .isEqualTo("Ikke lagret: må fylles ut");
    }

    @Test
    void aFieldErrorAboveAFormNamesTheFieldAndSaysWhyInThePagesLanguage() {
        InvalidInput.FieldError reasoning = InvalidInput.FieldError.coded("reasoning", "is required (at most 4000 characters)",
                "error.field.requiredAtMost", "4000");
        InvalidInput.FieldError closed = InvalidInput.FieldError.coded("", "The breach is already closed.", "problem.breach-closed");

        LocaleContextHolder.setLocale(NB);
        assertThat(labels.fieldError(reasoning)).isEqualTo("Begrunnelse: må fylles ut (høyst 4000 tegn)");
        assertThat(labels.fieldError(closed)).isEqualTo("Avviket er allerede lukket.");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.fieldError(reasoning)).isEqualTo("Reasoning: is required (at most 4000 characters)");
        assertThat(labels.errors(List.of(reasoning, InvalidInput.FieldError.coded("reasoning", "second", "error.field.required"))))
                .containsExactly(Map.entry("reasoning", "is required (at most 4000 characters)"));
    }
}
