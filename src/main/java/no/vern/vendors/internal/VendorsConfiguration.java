package no.vern.vendors.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.shared.AttentionItem;
import no.vern.shared.ConsoleSection;
import no.vern.shared.VernClock;

/** Wires the vendor register into the console navigation and the attention list. */
@Configuration(proxyBeanMethods = false)
class VendorsConfiguration {

    @Bean
    ConsoleSection vendorsConsoleSection() {
        return new ConsoleSection(720, "/console/vendors", "vendors.nav", List.of("PRIVACY_OFFICER", "AUDITOR"),
                ConsoleSection.Group.DOCUMENTATION);
    }

    /** Expiring (30 days or less) and missing agreements, overdue reviews and transfers without a ground. */
    @Bean
    AttentionItem.Source vendorAttentionItems(VendorService register, Vendors vendors, Transfers transfers, Clock clock) {
        return () -> VendorAttention.items(vendors.all(), register.agreementsInForce(), transfers.all(),
                LocalDate.now(clock.withZone(VernClock.ZONE)));
    }
}
