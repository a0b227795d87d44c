package no.vern.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Why an item is due is stored as a code with arguments, and items stored as English before codes read the same. */
class DueReasonTest {

    @Test
    void aPeriodAfterAStartIsStoredAsCodeDateAmountAndUnitAndReadBack() {
        DueReason reason = DueReason.after("agreement-ended", LocalDate.of(2026, 1, 10), 12, PeriodUnit.MONTHS);

        assertThat(reason.stored()).isEqualTo("agreement-ended 2026-01-10 12 MONTHS");
        assertThat(DueReason.parse(reason.stored())).contains(reason);
    }

    @Test
    void consentEndedAndBookkeepingAreStoredWithTheirOwnArguments() {
        assertThat(DueReason.consentEnded(LocalDate.of(2026, 3, 1)).stored()).isEqualTo("consent-ended 2026-03-01");
        assertThat(DueReason.bookkeeping(2020, LocalDate.of(2025, 12, 31)).stored()).isEqualTo("bookkeeping 2020 2025-12-31");
        assertThat(DueReason.parse("bookkeeping 2020 2025-12-31"))
                .contains(new DueReason("bookkeeping", List.of("2020", "2025-12-31")));
    }

    @Test
    void englishReasonsOfItemsStoredBeforeCodesAreReadIntoTheSameCodes() {
        assertThat(DueReason.parse("agreement ended 2024-05-02 + 3 months"))
                .contains(DueReason.after("agreement-ended", LocalDate.of(2024, 5, 2), 3, PeriodUnit.MONTHS));
        assertThat(DueReason.parse("consent given or renewed 2023-01-01 + 2 years"))
                .contains(DueReason.after("consent-given", LocalDate.of(2023, 1, 1), 2, PeriodUnit.YEARS));
        assertThat(DueReason.parse("last activity 2025-06-30 + 10 days"))
                .contains(DueReason.after("last-activity", LocalDate.of(2025, 6, 30), 10, PeriodUnit.DAYS));
        assertThat(DueReason.parse("consent not in force since 2026-02-14"))
                .contains(DueReason.consentEnded(LocalDate.of(2026, 2, 14)));
        assertThat(DueReason.parse("accounting year 2019 ended; kept until 2024-12-31"))
                .contains(DueReason.bookkeeping(2019, LocalDate.of(2024, 12, 31)));
    }

    @Test
    void aTextThatIsNoStoredReasonIsNotTakenForOne() {
        assertThat(DueReason.parse("something else entirely")).isEmpty();
        assertThat(DueReason.parse("agreement-ended 2026-13-40 12 MONTHS")).isEmpty();
        assertThat(DueReason.parse("agreement-ended 2026-01-10 12 WEEKS")).isEmpty();
        assertThat(DueReason.parse("consent-ended")).isEmpty();
        assertThatThrownBy(() -> DueReason.after("bookkeeping", LocalDate.of(2026, 1, 1), 1, PeriodUnit.YEARS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
