package no.vern.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import no.vern.processing.LegalBasis;
import no.vern.retention.LegalDuty;
import no.vern.retention.PeriodUnit;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleKind;

/** The legal duties that outlive an erasure request (GDPR Art. 17(3)(b)), without a database. */
class DutiesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static Instant oslo(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(OSLO).toInstant();
    }

    private static RetentionRule rule(String category, RuleKind kind, int amount, PeriodUnit unit, String note) {
        return new RetentionRule("customer-administration", category, 3, kind, amount, unit, null, 0, note, "system:test",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static final RetentionRule PURCHASES = rule("purchase-history", RuleKind.BOOKKEEPING, 5, PeriodUnit.YEARS,
            "Bokføringsloven § 13: primærdokumentasjon 5 år etter regnskapsårets slutt");
    private static final RetentionRule BANK = rule("bank-information", RuleKind.BOOKKEEPING, 42, PeriodUnit.MONTHS,
            "Bokføringsloven § 13: sekundærdokumentasjon 3,5 år etter regnskapsårets slutt");

    @Test
    void bokforingsloven13_aVoucherOnTheLastDayOfTheYearIsKeptFiveYearsFromThatYearsEnd() {
        LegalDuty duty = Duties.of(PURCHASES, LegalBasis.CONTRACT, oslo(2026, 12, 31, 23, 59)).orElseThrow();
        assertThat(duty.anchor()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(duty.keptUntil()).isEqualTo(LocalDate.of(2031, 12, 31));
        assertThat(duty.act()).isEqualTo("bokføringsloven § 13");
        assertThat(duty.ruleVersion()).isEqualTo(3);
        assertThat(duty.holdsOn(LocalDate.of(2031, 12, 31))).isTrue();
        assertThat(duty.holdsOn(LocalDate.of(2032, 1, 1))).isFalse();
    }

    @Test
    void bokforingsloven13_aVoucherOnNewYearsDayBelongsToTheNextAccountingYear() {
        LegalDuty duty = Duties.of(PURCHASES, LegalBasis.CONTRACT, oslo(2027, 1, 1, 0, 0)).orElseThrow();
        assertThat(duty.anchor()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(duty.keptUntil()).isEqualTo(LocalDate.of(2032, 12, 31));
    }

    @Test
    void regnskapsloven1_7_theAccountingYearIsTakenInOsloTimeNotUtc() {
        // 2026-12-31T23:30Z is already 1 January 2027 in Oslo: the voucher is of 2027.
        LegalDuty duty = Duties.of(PURCHASES, LegalBasis.CONTRACT, Instant.parse("2026-12-31T23:30:00Z")).orElseThrow();
        assertThat(duty.keptUntil()).isEqualTo(LocalDate.of(2032, 12, 31));
    }

    @Test
    void bokforingsloven13_secondaryDocumentationIsKeptThreeAndAHalfYearsFromTheYearsEnd() {
        LegalDuty duty = Duties.of(BANK, LegalBasis.CONTRACT, oslo(2026, 3, 15, 10, 0)).orElseThrow();
        assertThat(duty.keptUntil()).isEqualTo(LocalDate.of(2030, 6, 30));
        assertThat(duty.amount()).isEqualTo(42);
        assertThat(duty.unit()).isEqualTo(PeriodUnit.MONTHS);
    }

    @Test
    void art17_3_b_aRuleThatIsNoLegalDutyKeepsNothingAfterAnErasureRequest() {
        RetentionRule contact = rule("email", RuleKind.AGREEMENT_PLUS, 3, PeriodUnit.MONTHS, "Så lenge avtalen løper");
        assertThat(Duties.of(contact, LegalBasis.CONTRACT, oslo(2026, 5, 1, 12, 0))).isEmpty();
        assertThat(Duties.of(contact, LegalBasis.LEGITIMATE_INTEREST, oslo(2026, 5, 1, 12, 0))).isEmpty();
    }

    @Test
    void art6_1_c_aPurposeUnderALegalObligationKeepsForTheRulesPeriodFromTheRecordsDate() {
        RetentionRule security = new RetentionRule("security", "incident-notes", 1, RuleKind.AFTER_LAST_ACTIVITY, 5,
                PeriodUnit.YEARS, null, 0, "GDPR Art. 33(5)", "system:test", Instant.parse("2026-01-01T00:00:00Z"));
        LegalDuty duty = Duties.of(security, LegalBasis.LEGAL_OBLIGATION, oslo(2026, 5, 1, 12, 0)).orElseThrow();
        assertThat(duty.anchor()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(duty.keptUntil()).isEqualTo(LocalDate.of(2031, 5, 1));
        assertThat(duty.act()).isEqualTo("GDPR Art. 33(5)");
    }
}
