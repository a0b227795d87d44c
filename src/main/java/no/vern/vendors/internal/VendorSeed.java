package no.vern.vendors.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.JdbcTime;
import no.vern.vendors.DpaClause;
import no.vern.vendors.Vendor;
import no.vern.vendors.VendorInput;
import no.vern.vendors.VendorRole;

/**
 * The demo company's processors (invented companies), registered once on a new installation right after the record
 * is seeded ({@code RecordSeed}, order 10): the vendor register is the one source of the companies that receive data,
 * so the seeded record names none itself. An installation whose record existed before the vendor register became the
 * source had its processors moved here by migration V26_20, which marks the seed as done.
 */
@Component
@Order(11)
class VendorSeed implements ApplicationRunner {

    /** One seeded processor: name, activities, data categories. */
    record Seeded(String name, List<String> activities, List<String> dataCategories) {
    }

    /** The demo processors, one per system the seeded record's activities use. */
    static final List<Seeded> PROCESSORS = List.of(
            new Seeded("Kundeskyen AS", List.of("customers", "partners", "prospects", "events"),
                    List.of("name", "email", "phone", "postal-address", "purchase-history")),
            new Seeded("Regnverket AS", List.of("customers", "partners"),
                    List.of("name", "email", "postal-address", "purchase-history", "bank-information")),
            new Seeded("Talentporten AS", List.of("recruitment"),
                    List.of("name", "email", "phone", "postal-address", "cv", "recruiter-notes")),
            new Seeded("Postflyt AS", List.of("newsletters", "customer-newsletters"), List.of("name", "email")),
            new Seeded("Fjordhost AS", List.of("website"), List.of("ip-address")));

    private static final Logger log = LoggerFactory.getLogger(VendorSeed.class);

    private final VendorService vendors;
    private final JdbcClient jdbc;
    private final Clock clock;

    VendorSeed(VendorService vendors, JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.vendors = vendors;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        int claimed = jdbc.sql("INSERT INTO vendors_seed (id, done_at, how) VALUES (1, :now, 'demo seed') ON CONFLICT DO NOTHING")
                .param("now", JdbcTime.param(clock.instant())).update();
        if (claimed == 0) {
            return;
        }
        Actors.runAs(Actor.system("seed"), () -> {
            for (Seeded s : PROCESSORS) {
                Vendor v = vendors.create(new VendorInput(s.name(), VendorRole.PROCESSOR, null, null, s.activities(),
                        s.dataCategories(), "Demodata: kryptert under overføring og lagring, datasentre i EØS, "
                                + "tilgang bare for navngitte ansatte", 30, null, null));
                vendors.addAgreement(v.id(), "2025-1", LocalDate.of(2025, 1, 15), null, EnumSet.allOf(DpaClause.class));
            }
        });
        log.info("Vendor register seeded with {} demo processors", PROCESSORS.size());
    }
}
