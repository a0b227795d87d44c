package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** Console form fields are parsed one way on every page, and what cannot be parsed is said in the page's language. */
class FormFieldsTest {

    enum Colour { RED, GREEN }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aFieldThatWasNotSentIsEmptyTextNotNull() {
        FormFields fields = new FormFields(Map.of("name", "Skyhuset AS"));

        assertThat(fields.text("name")).isEqualTo("Skyhuset AS");
        assertThat(fields.text("missing")).isEmpty();
        assertThat(FormFields.text(Map.of(), "missing")).isEmpty();
    }

    @Test
    void datesAreParsedAndABlankOptionalDateIsNoError() {
        FormFields fields = new FormFields();

        assertThat(fields.date("lastReview", " 2026-11-25 ")).isEqualTo(LocalDate.of(2026, Month.NOVEMBER, 25));
        assertThat(fields.date("nextReview", "")).isNull();
        assertThat(fields.valid()).isTrue();
    }

    @Test
    void aDateThatIsNotOneIsCollectedWithItsCodeAndNotTheTypedValue() {
        FormFields fields = new FormFields();

        assertThat(fields.date("lastReview", "25.11.2026")).isNull();

        assertThat(fields.valid()).isFalse();
        InvalidInput.FieldError error = fields.errors().get(0);
        assertThat(error.field()).isEqualTo("lastReview");
        assertThat(error.code()).isEqualTo("error.field.date");
        assertThat(error.message()).isEqualTo("must be a date (YYYY-MM-DD)").doesNotContain("25.11.2026");
    }

    @Test
    void aRequiredDateOrNumberLeftBlankIsRequired() {
        FormFields fields = new FormFields();

        assertThat(fields.requiredDate("signedOn", " ")).isNull();
        assertThat(fields.requiredWholeNumber("amount", "")).isNull();

        assertThat(fields.errors()).extracting(InvalidInput.FieldError::code)
                .containsExactly("error.field.required", "error.field.required");
    }

    @Test
    void wholeNumbersAreParsedAndOtherTextIsRefused() {
        FormFields fields = new FormFields();

        assertThat(fields.wholeNumber("days", " 30 ")).isEqualTo(30);
        assertThat(fields.wholeNumber("notice", "")).isNull();
        assertThat(fields.wholeNumber("months", "tolv")).isNull();

        assertThat(fields.errors()).extracting(InvalidInput.FieldError::field).containsExactly("months");
        assertThat(fields.errors().get(0).code()).isEqualTo("error.field.wholeNumber");
    }

    @Test
    void countsBeyondTwoBillionAreWholeNumbersOnlyWhereALongIsAsked() {
        FormFields fields = new FormFields();

        assertThat(fields.longWholeNumber("approxRecords", "3000000000")).isEqualTo(3_000_000_000L);
        assertThat(fields.longWholeNumber("approxSubjects", "")).isNull();
        assertThat(fields.wholeNumber("days", "3000000000")).isNull();
        assertThat(fields.longWholeNumber("approxPeople", "mange")).isNull();

        assertThat(fields.errors()).extracting(InvalidInput.FieldError::field).containsExactly("days", "approxPeople");
        assertThat(fields.errors()).extracting(InvalidInput.FieldError::code)
                .containsOnly("error.field.wholeNumber");
    }

    @Test
    void aChoiceIsAConstantByNameAndAnythingElseIsNoChoice() {
        assertThat(FormFields.enumOf(Colour.class, " GREEN ")).isEqualTo(Colour.GREEN);
        assertThat(FormFields.enumOf(Colour.class, "")).isNull();
        assertThat(FormFields.enumOf(Colour.class, "BLUE")).isNull();

        FormFields fields = new FormFields();
        assertThat(fields.requiredChoice(Colour.class, "colour", "RED")).isEqualTo(Colour.RED);
        assertThat(fields.requiredChoice(Colour.class, "kind", "")).isNull();
        assertThat(fields.requiredChoice(Colour.class, "unit", "BLUE")).isNull();
        assertThat(fields.errors()).extracting(InvalidInput.FieldError::code)
                .containsExactly("error.field.choose", "error.field.choice");
    }

    @Test
    void theFirstErrorOfAFieldIsKeptAndRefusedInputIsAddedAfterTheParsingErrors() {
        FormFields fields = new FormFields();
        fields.wholeNumber("subProcessorNoticeDays", "thirty");
        fields.add(new InvalidInput(java.util.List.of(
                InvalidInput.FieldError.coded("subProcessorNoticeDays", "a processor gives notice", "vendors.error.noticeDays"),
                InvalidInput.FieldError.coded("name", "is required", "error.field.required"))));

        assertThat(fields.errors()).extracting(InvalidInput.FieldError::code)
                .containsExactly("error.field.wholeNumber", "error.field.required");
    }

    @Test
    void theCollectedErrorsAreThrownTogetherAndNothingIsThrownWhenAllParsed() {
        FormFields fine = new FormFields();
        fine.date("on", "2026-01-01");
        fine.throwIfInvalid();

        FormFields fields = new FormFields();
        fields.date("from", "x");
        fields.wholeNumber("size", "y");
        assertThatThrownBy(fields::throwIfInvalid).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::field).containsExactly("from", "size"));
    }

    @Test
    void theCodesTheFieldsGiveAreSaidInNorwegianAndEnglish() {
        Labels labels = LabelsTest.labels();
        FormFields fields = new FormFields();
        fields.date("lastReview", "i går");
        fields.wholeNumber("days", "mange");
        fields.requiredChoice(Colour.class, "kind", "");

        LocaleContextHolder.setLocale(Locale.forLanguageTag("nb"));
        assertThat(labels.errors(fields.errors())).containsExactly(Map.entry("lastReview", "må være en dato (ÅÅÅÅ-MM-DD)"),
                Map.entry("days", "må være et heltall"), Map.entry("kind", "må velges"));
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.errors(fields.errors())).containsExactly(Map.entry("lastReview", "must be a date (YYYY-MM-DD)"),
                Map.entry("days", "must be a whole number"), Map.entry("kind", "must be chosen"));
    }
}
