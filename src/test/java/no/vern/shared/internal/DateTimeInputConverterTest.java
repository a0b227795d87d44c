package no.vern.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.support.DefaultFormattingConversionService;

import no.vern.shared.DateTimeInput;

/**
 * Date-and-time fields mean Oslo time, winter and summer alike, wherever a controller takes an
 * {@link Instant}; a field that names its own ISO format keeps Spring's parser.
 */
class DateTimeInputConverterTest {

    private final DefaultFormattingConversionService conversion = new DefaultFormattingConversionService();

    DateTimeInputConverterTest() {
        new WebConfiguration(true).addFormatters(conversion);
    }

    @Test
    void aLocalDateAndTimeIsOsloTimeInWinterAndSummer() {
        assertThat(conversion.convert("2026-01-15T10:00", Instant.class)).isEqualTo(Instant.parse("2026-01-15T09:00:00Z"));
        assertThat(conversion.convert("2026-07-15T10:00", Instant.class)).isEqualTo(Instant.parse("2026-07-15T08:00:00Z"));
        assertThat(conversion.convert(" 2026-07-15T10:00:30 ", Instant.class))
                .isEqualTo(Instant.parse("2026-07-15T08:00:30Z"));
    }

    @Test
    void aTextWithAnOffsetKeepsIt() {
        assertThat(conversion.convert("2026-07-15T10:00:00Z", Instant.class)).isEqualTo(Instant.parse("2026-07-15T10:00:00Z"));
        assertThat(conversion.convert("2026-07-15T10:00+01:00", Instant.class))
                .isEqualTo(Instant.parse("2026-07-15T09:00:00Z"));
    }

    @Test
    void blankIsNoValueAndAnythingElseIsRefused() {
        assertThat(conversion.convert("  ", Instant.class)).isNull();
        assertThatThrownBy(() -> conversion.convert("15.07.2026 10:00", Instant.class))
                .isInstanceOf(ConversionFailedException.class);
        assertThatThrownBy(() -> conversion.convert("2026-02-30T10:00", Instant.class))
                .isInstanceOf(ConversionFailedException.class);
    }

    @Test
    void aFieldThatNamesItsOwnFormatKeepsSpringsParser() throws NoSuchFieldException {
        TypeDescriptor iso = new TypeDescriptor(Annotated.class.getDeclaredField("at"));
        assertThatThrownBy(() -> conversion.convert("2026-07-15T10:00", TypeDescriptor.valueOf(String.class), iso))
                .isInstanceOf(ConversionFailedException.class);
        assertThat(conversion.convert("2026-07-15T10:00:00.000Z", TypeDescriptor.valueOf(String.class), iso))
                .isEqualTo(Instant.parse("2026-07-15T10:00:00Z"));
    }

    @Test
    void aValueIsShownBackAsOsloDateAndMinute() {
        assertThat(DateTimeInput.value(Instant.parse("2026-07-15T08:00:59Z"))).isEqualTo("2026-07-15T10:00");
        assertThat(DateTimeInput.value((Instant) null)).isEmpty();
    }

    static final class Annotated {
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        @Nullable Instant at;
    }
}
