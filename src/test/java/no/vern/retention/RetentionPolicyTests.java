package no.vern.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.RecordVersion;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.support.VernTest;

/**
 * Retention rules (S13, S23; GDPR Art. 30(1)(f)): seeded for every purpose and category of the record of
 * processing, edited as new versions with history, and a category without a rule is flagged.
 */
@VernTest
class RetentionPolicyTests extends RetentionTestSupport {

    @Autowired
    ProcessingRecord record;

    @Test
    void everyCategoryOfEveryPurposeOfTheSeededRecordHasARule() {
        List<PolicyCoverage> coverage = policies.coverage();
        assertThat(coverage).extracting(PolicyCoverage::purposeKey).contains("customer-administration",
                "partner-management", "prospect-dialogue", "recruitment", "talent-pool", "events", "newsletter",
                "customer-newsletter", "website-statistics", "security");
        assertThat(coverage).allSatisfy(c -> assertThat(c.missing()).as(c.purposeKey()).isEmpty());
    }

    @Test
    void theSeedSpeaksInTheTermsOfTheRecord() {
        RetentionRule invoices = policies.current("customer-administration", "purchase-history").orElseThrow();
        assertThat(invoices.kind()).isEqualTo(RuleKind.BOOKKEEPING);
        assertThat(invoices.amount()).isEqualTo(5);
        assertThat(invoices.unit()).isEqualTo(PeriodUnit.YEARS);
        RetentionRule bank = policies.current("customer-administration", "bank-information").orElseThrow();
        assertThat(bank.amount()).isEqualTo(42); // secondary documentation: 3.5 years
        RetentionRule contact = policies.current("customer-administration", "email").orElseThrow();
        assertThat(contact.kind()).isEqualTo(RuleKind.AGREEMENT_PLUS);
        RetentionRule cv = policies.current("recruitment", "cv").orElseThrow();
        assertThat(cv.kind()).isEqualTo(RuleKind.AFTER_RECRUITMENT_CLOSED);
        assertThat(cv.unlessConsent()).isEqualTo("talent-pool");
        assertThat(cv.noticeDays()).isEqualTo(30);
        RetentionRule event = policies.current("events", "name").orElseThrow();
        assertThat(event.kind()).isEqualTo(RuleKind.AFTER_EVENT);
        assertThat(event.unlessConsent()).isNull(); // the CRM dialogue and the newsletter keep their own copies
        // Markedsføringsloven § 15: the consent-based newsletter runs out; the customers' soft opt-in ends with the customer.
        RetentionRule newsletter = policies.current("newsletter", "email").orElseThrow();
        assertThat(newsletter.kind()).isEqualTo(RuleKind.UNTIL_CONSENT_ENDS);
        assertThat(newsletter.amount()).isEqualTo(2);
        assertThat(newsletter.unit()).isEqualTo(PeriodUnit.YEARS);
        assertThat(policies.current("customer-newsletter", "email").orElseThrow().kind())
                .isEqualTo(RuleKind.AGREEMENT_PLUS);
        assertThat(policies.current("talent-pool", "cv").orElseThrow().kind()).isEqualTo(RuleKind.UNTIL_CONSENT_ENDS);
    }

    @Test
    void anEditIsANewVersionAndTheHistoryKeepsEveryVersion() {
        RetentionRule before = policies.current("website-statistics", "ip-address").orElseThrow();
        RetentionRule after = policies.change("website-statistics", "ip-address", before.version(),
                new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 14, PeriodUnit.DAYS, null, 0, "Kortere logger"));
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(policies.current("website-statistics", "ip-address")).contains(after);
        assertThat(policies.history("website-statistics", "ip-address")).extracting(RetentionRule::version)
                .startsWith(after.version(), before.version());

        // An edit based on an old version is refused rather than silently overwriting the newer one.
        assertThatThrownBy(() -> policies.change("website-statistics", "ip-address", before.version(),
                before.content())).isInstanceOf(Conflict.class);
    }

    @Test
    void aRuleMustBelongToAPurposeAndCategoryOfTheRecord() {
        RuleChange rule = new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 1, PeriodUnit.YEARS, null, 0, "");
        assertThatThrownBy(() -> policies.change("website-statistics", "cv", 0, rule)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> policies.change("no-such-purpose", "name", 0, rule)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RuleChange(RuleKind.BOOKKEEPING, -1, PeriodUnit.YEARS, null, 0, ""))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void aCategoryAddedToTheRecordWithoutARuleIsFlaggedUntilItGetsOne() {
        RecordVersion current = record.current();
        Activity events = current.document().activity("events").orElseThrow();
        List<String> categories = new ArrayList<>(events.dataCategories());
        categories.add("postal-address");
        ProcessingRecordDocument changed = current.document().withActivity(new Activity(events.id(), events.name(),
                events.description(), events.purposes(), events.subjects(), categories, events.source(),
                events.recipients(), events.security()));
        record.update(current.version(), changed, "Arrangementer: postadresse for kursmateriell");

        assertThat(policies.coverage()).filteredOn(c -> c.purposeKey().equals("events"))
                .singleElement().satisfies(c -> assertThat(c.missing()).containsExactly("postal-address"));

        policies.change("events", "postal-address", 0,
                new RuleChange(RuleKind.AFTER_EVENT, 12, PeriodUnit.MONTHS, "prospect-dialogue", 0, "Som øvrige"));
        assertThat(policies.coverage()).allSatisfy(c -> assertThat(c.missing()).isEmpty());
    }
}
