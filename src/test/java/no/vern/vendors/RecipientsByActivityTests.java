package no.vern.vendors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.RecipientStatement;
import no.vern.processing.Recipients;
import no.vern.shared.VernClock;
import no.vern.support.VernTest;
import no.vern.vendors.internal.SeededVendors;

/**
 * The access export names the recipients of many activities in one answer and reads them through
 * {@link Recipients#byActivity} (the vendor register read once, issue 28 item 5): it must say exactly what
 * {@link Recipients#of} says for each activity, in both languages, vendors and the record's own recipients alike.
 *
 * <p>On the shared {@code @VernTest} context (it had a context of its own only for lack of the test clock, which it
 * does not move); vendors it adds are removed after each test.
 */
@VernTest
class RecipientsByActivityTests {

    @Autowired
    VendorRegister vendors;
    @Autowired
    ProcessingRecord record;
    @Autowired
    Recipients recipients;

    @AfterEach
    void removeAddedVendors() {
        SeededVendors.removeAddedVendors(vendors);
    }

    @Test
    void theRecipientsOfEveryActivityReadOnceAreThoseOfEachActivityAskedAlone() {
        Vendor added = vendors.create(new VendorInput("Samlet Drift AS", VendorRole.PROCESSOR, null, null,
                List.of("website"), List.of("name"), "Encryption at rest", 30, null, null));
        vendors.addAgreement(added.id(), "2026-1", LocalDate.now(VernClock.ZONE).minusMonths(1), null,
                EnumSet.allOf(DpaClause.class));
        ProcessingRecordDocument doc = record.current().document();

        for (Locale locale : List.of(Locale.forLanguageTag("nb"), Locale.ENGLISH)) {
            Map<String, List<RecipientStatement>> once = recipients.byActivity(doc, locale);

            assertThat(once.keySet()).containsExactlyElementsOf(doc.activities().stream().map(Activity::id).toList());
            for (Activity activity : doc.activities()) {
                assertThat(once.get(activity.id())).as(activity.id()).isEqualTo(recipients.of(doc, activity, locale));
            }
            assertThat(once.get("website")).extracting(RecipientStatement::name).contains("Samlet Drift AS");
        }
    }
}
