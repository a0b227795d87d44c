package no.vern.vendors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.processing.RecipientRegister;
import no.vern.processing.RecipientStatement;
import no.vern.vendors.internal.SeededVendors;

/**
 * The vendor register's recipients are read once per node, language and day, not once per access export (issue 28
 * item 5), and every change is said at once on the node that made it and, through the trigger's notification (V30_60),
 * on every node, whoever made it. Reads are counted with {@code pg_stat_xact_user_tables} in the reading transaction.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RecipientsCacheTests {

    private static final Locale NB = Locale.forLanguageTag("nb");

    @Autowired
    VendorRegister vendors;
    @Autowired
    RecipientRegister recipients;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate tx;

    @AfterEach
    void removeAddedVendors() {
        new JdbcTemplate(dataSource).update("DELETE FROM vendors_vendor WHERE name LIKE 'Hurtig %'");
        SeededVendors.removeAddedVendors(vendors);
    }

    private static VendorInput processor(String name) {
        return new VendorInput(name, VendorRole.PROCESSOR, null, null, List.of("website"), List.of("name"),
                "Encryption at rest", 30, null, null);
    }

    private List<String> names(Locale locale) {
        return recipients.recipients(locale).stream().map(RecipientStatement::name).toList();
    }

    /** Scans of the vendor register's three tables by the transaction so far (the current backend's own counters). */
    private long scansInThisTransaction() {
        Long n = new JdbcTemplate(dataSource).queryForObject("""
                SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) FROM pg_stat_xact_user_tables
                 WHERE relname IN ('vendors_vendor', 'vendors_agreement', 'vendors_transfer')
                """, Long.class);
        return n == null ? 0 : n;
    }

    @Test
    void aSecondReadInTheSameLanguageOnTheSameDayDoesNotReadTheVendorTablesAgain() {
        List<RecipientStatement> first = recipients.recipients(NB);

        Long scans = tx.execute(s -> {
            long before = scansInThisTransaction();
            assertThat(recipients.recipients(NB)).isEqualTo(first);
            return scansInThisTransaction() - before;
        });

        assertThat(scans).isZero();
    }

    @Test
    void aVendorAddedThroughTheRegisterIsNamedAtOnceAndTheNextReadReadsTheTables() {
        names(NB);
        vendors.create(processor("Hurtig Lagring AS"));

        Long scans = tx.execute(s -> {
            long before = scansInThisTransaction();
            assertThat(names(NB)).contains("Hurtig Lagring AS");
            return scansInThisTransaction() - before;
        });

        assertThat(scans).isPositive();
        assertThat(names(Locale.ENGLISH)).contains("Hurtig Lagring AS");
    }

    @Test
    void aTransactionThatChangesTheRegisterReadsItsOwnChangeAndLeavesNothingOfItWhenRolledBack() {
        names(NB);

        tx.executeWithoutResult(s -> {
            vendors.create(processor("Hurtig Rullering AS"));
            assertThat(names(NB)).contains("Hurtig Rullering AS");
            s.setRollbackOnly();
        });

        assertThat(names(NB)).doesNotContain("Hurtig Rullering AS");
    }

    @Test
    void aVendorWrittenOutsideTheApplicationIsNamedOnceTheTriggersNotificationArrives() throws InterruptedException {
        names(NB); // cached
        // As another node, or a hand-made fix in psql, would: nothing in this node's code is told.
        Instant now = Instant.now();
        new JdbcTemplate(dataSource).update("""
                INSERT INTO vendors_vendor (id, name, role, activities, data_categories, security_measures, created_at,
                                            updated_at)
                VALUES (?, 'Hurtig Varsling AS', 'PROCESSOR', ARRAY['website'], ARRAY['name'], 'Encryption', ?, ?)
                """, UUID.randomUUID(), java.sql.Timestamp.from(now), java.sql.Timestamp.from(now));

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!names(NB).contains("Hurtig Varsling AS") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(names(NB)).contains("Hurtig Varsling AS");
    }
}
