package no.vern.vendors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import no.vern.shared.AttentionItem;
import no.vern.vendors.Agreement;
import no.vern.vendors.DpaClause;
import no.vern.vendors.Vendor;
import no.vern.vendors.VendorRole;

/** What the vendor register puts on the console's attention list (issue 26 item 1). */
class VendorAttentionTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    static Vendor vendor(VendorRole role, LocalDate nextReview) {
        return new Vendor(UUID.randomUUID(), "CRM Leverandør AS", role, null, null, List.of("customers"), List.of(), "",
                30, TODAY.minusMonths(6), nextReview, Instant.EPOCH, "");
    }

    static Agreement agreement(Vendor v, LocalDate expires) {
        return new Agreement(UUID.randomUUID(), v.id(), "2026-1", TODAY.minusYears(1), expires,
                EnumSet.allOf(DpaClause.class));
    }

    @Test
    void anAgreementExpiringIn20DaysIsOnTheList() {
        Vendor v = vendor(VendorRole.PROCESSOR, TODAY.plusMonths(6));
        List<AttentionItem> items = VendorAttention.items(List.of(v), Map.of(v.id(), agreement(v, TODAY.plusDays(20))),
                List.of(), TODAY);
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.titleKey()).isEqualTo("vendors.attention.agreementExpiring");
            assertThat(i.severity()).isEqualTo(AttentionItem.Severity.WARNING);
            assertThat(i.link()).isEqualTo("/console/vendors/" + v.id());
            assertThat(i.dueAt()).isNotNull();
        });
    }

    @Test
    void anAgreementExpiringIn40DaysIsNotYetOnTheList() {
        Vendor v = vendor(VendorRole.PROCESSOR, TODAY.plusMonths(6));
        assertThat(VendorAttention.items(List.of(v), Map.of(v.id(), agreement(v, TODAY.plusDays(40))), List.of(), TODAY))
                .isEmpty();
    }

    @Test
    void anExpiredAgreementIsCritical() {
        Vendor v = vendor(VendorRole.SUB_PROCESSOR, TODAY.plusMonths(6));
        assertThat(VendorAttention.items(List.of(v), Map.of(v.id(), agreement(v, TODAY.minusDays(1))), List.of(), TODAY))
                .singleElement().satisfies(i -> {
                    assertThat(i.titleKey()).isEqualTo("vendors.attention.agreementExpired");
                    assertThat(i.severity()).isEqualTo(AttentionItem.Severity.CRITICAL);
                });
    }

    @Test
    void aProcessorWithoutAgreementIsOnTheListButAnIndependentControllerIsNot() {
        // Art. 28(3) binds processors only.
        Vendor processor = vendor(VendorRole.PROCESSOR, TODAY.plusMonths(6));
        Vendor controller = vendor(VendorRole.INDEPENDENT_CONTROLLER, TODAY.plusMonths(6));
        assertThat(VendorAttention.items(List.of(processor, controller), Map.of(), List.of(), TODAY))
                .extracting(AttentionItem::titleKey).containsExactly("vendors.attention.agreementMissing");
    }

    @Test
    void anOverdueReviewIsOnTheList() {
        Vendor v = vendor(VendorRole.INDEPENDENT_CONTROLLER, TODAY.minusDays(1));
        assertThat(VendorAttention.items(List.of(v), Map.of(), List.of(), TODAY)).extracting(AttentionItem::titleKey)
                .containsExactly("vendors.attention.reviewOverdue");
    }

    @Test
    void aVendorThatWasNeverReviewedIsOnTheListAsNeverReviewed() {
        // Art. 28(1), Art. 5(2): no review date means the guarantees were never checked, not that all is well.
        Vendor v = new Vendor(UUID.randomUUID(), "Skylager", VendorRole.INDEPENDENT_CONTROLLER, null, null,
                List.of("customers"), List.of(), "", null, null, null, Instant.EPOCH, "");
        assertThat(VendorAttention.items(List.of(v), Map.of(), List.of(), TODAY)).singleElement().satisfies(i -> {
            assertThat(i.titleKey()).isEqualTo("vendors.attention.neverReviewed");
            assertThat(i.titleArgs()).containsExactly("Skylager");
            assertThat(i.actionKey()).isEqualTo("vendors.attention.review");
        });
    }

    @Test
    void aProcessorWhoseNoticePeriodIsNotRecordedIsAGap() {
        // Art. 28(2): the notice period is what the agreement says; unknown is listed, never assumed.
        Vendor v = new Vendor(UUID.randomUUID(), "Skylager", VendorRole.PROCESSOR, null, null, List.of("customers"),
                List.of(), "", null, TODAY.minusMonths(1), TODAY.plusMonths(11), Instant.EPOCH, "");
        Vendor known = vendor(VendorRole.PROCESSOR, TODAY.plusMonths(6));
        assertThat(VendorAttention.items(List.of(v, known),
                Map.of(v.id(), agreement(v, TODAY.plusYears(1)), known.id(), agreement(known, TODAY.plusYears(1))),
                List.of(), TODAY)).singleElement().satisfies(i -> {
                    assertThat(i.titleKey()).isEqualTo("vendors.attention.noticeNotRecorded");
                    assertThat(i.titleArgs()).containsExactly("Skylager");
                });
    }
}
