package no.vern.vendors.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.vern.shared.AttentionItem;
import no.vern.shared.AttentionItem.Severity;
import no.vern.shared.VernClock;
import no.vern.vendors.Agreement;
import no.vern.vendors.Transfer;
import no.vern.vendors.TransferRules;
import no.vern.vendors.Vendor;

/** What the vendor register puts on the console's attention list; a pure function of the register and the date. */
final class VendorAttention {

    /** An agreement is flagged this many days before it ends. */
    static final int EXPIRY_WARNING_DAYS = 30;

    static final List<String> ROLES = List.of("PRIVACY_OFFICER");

    private VendorAttention() {
    }

    static List<AttentionItem> items(List<Vendor> vendors, Map<UUID, Agreement> inForce, List<Transfer> transfers,
            LocalDate today) {
        List<AttentionItem> items = new ArrayList<>();
        for (Vendor v : vendors) {
            String link = "/console/vendors/" + v.id();
            if (v.role().needsAgreement()) {
                Agreement a = inForce.get(v.id());
                if (a == null) {
                    // Art. 28(3): processing by a processor is governed by a contract; none is registered.
                    items.add(new AttentionItem("vendors", "vendors.attention.agreementMissing", List.of(v.name()), null,
                            Severity.WARNING, "vendors.attention.open", link, ROLES));
                } else if (a.expiresOn() != null && !a.expiresOn().isAfter(today.plusDays(EXPIRY_WARNING_DAYS))) {
                    boolean expired = a.expired(today);
                    items.add(new AttentionItem("vendors",
                            expired ? "vendors.attention.agreementExpired" : "vendors.attention.agreementExpiring",
                            List.of(v.name(), a.version(), a.expiresOn().toString()),
                            a.expiresOn().plusDays(1).atStartOfDay(VernClock.ZONE).toInstant(),
                            expired ? Severity.CRITICAL : Severity.WARNING, "vendors.attention.open", link, ROLES));
                }
            }
            if (v.neverReviewed()) {
                // Art. 28(1), Art. 5(2): that a processor gives sufficient guarantees must be shown; a vendor with no
                // review on record (e.g. one moved from the old record of processing) has not been checked at all.
                items.add(new AttentionItem("vendors", "vendors.attention.neverReviewed", List.of(v.name()), null,
                        Severity.WARNING, "vendors.attention.review", link, ROLES));
            } else if (v.reviewOverdue(today)) {
                // Art. 28(1), Art. 24(1): the guarantees a processor gives are reviewed and updated where necessary.
                LocalDate next = java.util.Objects.requireNonNull(v.nextReview());
                items.add(new AttentionItem("vendors", "vendors.attention.reviewOverdue",
                        List.of(v.name(), next.toString()), next.atStartOfDay(VernClock.ZONE).toInstant(),
                        Severity.WARNING, "vendors.attention.review", link, ROLES));
            }
        }
        for (Vendor v : vendors) {
            if (v.noticeNotRecorded()) {
                // Art. 28(2): the processor informs of intended changes of sub-processors so that the company can
                // object; how long before is what its agreement says, and here nobody has recorded it.
                items.add(new AttentionItem("vendors", "vendors.attention.noticeNotRecorded", List.of(v.name()), null,
                        Severity.NOTICE, "vendors.attention.open", "/console/vendors/" + v.id(), ROLES));
            }
        }
        Map<UUID, Vendor> byId = new java.util.HashMap<>();
        vendors.forEach(v -> byId.put(v.id(), v));
        for (Transfer t : transfers) {
            Vendor v = byId.get(t.vendorId());
            if (v != null && TransferRules.blocking(t, today)) {
                // Art. 44: a transfer without a ground; it also blocks the next policy version.
                items.add(new AttentionItem("vendors", "vendors.attention.transferWithoutMechanism",
                        List.of(v.name(), t.country()), null, Severity.CRITICAL, "vendors.attention.open",
                        "/console/vendors/" + v.id(), ROLES));
            }
        }
        return List.copyOf(items);
    }
}
