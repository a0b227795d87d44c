package no.vern.vendors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import no.vern.support.TestDatabases;

/**
 * Migration V26_20 (issue 26 item 1): an installation whose record kept its own processors gets every one of them in
 * the vendor register (linked to all its activities, the agreement flag as an agreement, a third-country transfer as
 * a transfer without a ground, everything the record said kept in the vendor's notes), and a new record version that
 * names only the non-vendor recipients. The demo vendor seed is then marked done.
 */
@no.vern.support.Isolated // migrations on empty databases of its own: beside the suite on the second worker
class RecipientsMigrationTest {

    private static final String RECORD = """
            {"activities": [
              {"id": "customers", "dataCategories": ["name", "email"], "recipients": [
                {"name": {"nb": "Leverandør av CRM-system", "en": "Supplier of the CRM system"}, "kind": "PROCESSOR",
                 "country": "NO", "thirdCountryTransfer": false, "safeguard": null, "agreementInPlace": true},
                {"name": {"nb": "Skylager", "en": "Cloud storage"}, "kind": "PROCESSOR", "country": "US",
                 "thirdCountryTransfer": true, "safeguard": {"nb": "Standardavtale", "en": "Standard clauses"},
                 "agreementInPlace": false},
                {"name": {"nb": "Skattemyndighetene", "en": "Tax authorities"}, "kind": "AUTHORITY", "country": "NO",
                 "thirdCountryTransfer": false, "safeguard": null, "agreementInPlace": false}]},
              {"id": "events", "dataCategories": ["name", "phone"], "recipients": [
                {"name": {"nb": "Leverandør av CRM-system", "en": "Supplier of the CRM system"}, "kind": "PROCESSOR",
                 "country": "NO", "thirdCountryTransfer": false, "safeguard": null, "agreementInPlace": false}]}
            ], "controller": {"name": "Firma AS"}}""";

    @Test
    void everyProcessorOfTheRecordBecomesAVendorAndTheRecordKeepsOnlyNonVendorRecipients() throws SQLException {
        String url = TestDatabases.empty();
        Flyway.configure().dataSource(url, TestDatabases.USER, "").locations("classpath:db/migration").target("26.11")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, "")) {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO processing_record_version (version, content, author, created_at, change_note)
                    VALUES (1, ?::jsonb, 'user:officer', TIMESTAMPTZ '2025-03-01 10:00:00+01', 'first')""")) {
                insert.setString(1, RECORD);
                insert.executeUpdate();
            }
        }
        Flyway.configure().dataSource(url, TestDatabases.USER, "").locations("classpath:db/migration").outOfOrder(true)
                .load().migrate();

        try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, ""); Statement s = c.createStatement()) {
            List<String> vendors = rows(s, """
                    SELECT name || '|' || role || '|' || array_to_string(ARRAY(SELECT unnest(activities) ORDER BY 1), ',')
                           || '|' || array_to_string(ARRAY(SELECT unnest(data_categories) ORDER BY 1), ',')
                      FROM vendors_vendor ORDER BY name""");
            assertThat(vendors).containsExactly("Leverandør av CRM-system|PROCESSOR|customers,events|email,name,phone",
                    "Skylager|PROCESSOR|customers|email,name");
            // The flag said an agreement is in place (in one activity): an agreement dated that version, no clause
            // claimed. Skylager had none and gets none.
            assertThat(rows(s, """
                    SELECT v.name || '|' || a.version || '|' || a.signed_on || '|' || cardinality(a.clauses)
                      FROM vendors_agreement a JOIN vendors_vendor v ON v.id = a.vendor_id""")).containsExactly(
                    "Leverandør av CRM-system|record-v1|2025-03-01|0");
            assertThat(rows(s, """
                    SELECT v.name || '|' || t.country || '|' || t.mechanism || '|' || t.tia_outcome || '|' || t.supplementary_measures
                      FROM vendors_transfer t JOIN vendors_vendor v ON v.id = t.vendor_id""")).containsExactly(
                    "Skylager|US|NONE|NOT_ASSESSED|Standardavtale");
            // Nothing the record said is lost: its words are kept in the vendor's notes (V29_70), and security
            // measures say only security measures (Art. 28(1), Art. 32).
            assertThat(rows(s, "SELECT notes FROM vendors_vendor WHERE name = 'Skylager'")).singleElement()
                    .asString().startsWith("Moved from the record of processing (version 1, migration V26_20)")
                    .contains("Cloud storage", "Standard clauses");
            assertThat(rows(s, "SELECT '[' || security_measures || ']' FROM vendors_vendor ORDER BY name"))
                    .containsExactly("[]", "[]");
            // What the record never said stays unknown: no notice period, no review (shown as gaps, not invented).
            assertThat(rows(s, """
                    SELECT count(*) FROM vendors_vendor
                     WHERE sub_notice_days IS NULL AND last_review IS NULL AND next_review IS NULL""")).containsExactly("2");

            assertThat(rows(s, "SELECT version || '|' || author FROM processing_record_version ORDER BY version"))
                    .containsExactly("1|user:officer", "2|system:migration-V26_20");
            assertThat(rows(s, """
                    SELECT a ->> 'id' || ':' || coalesce(a -> 'recipients', '[]'::jsonb)::text
                      FROM processing_record_version v, jsonb_array_elements(v.content -> 'activities') a
                     WHERE v.version = 2""")).containsExactly(
                    "customers:[{\"kind\": \"AUTHORITY\", \"name\": {\"en\": \"Tax authorities\", \"nb\": \"Skattemyndighetene\"}}]",
                    "events:[]");
            assertThat(rows(s, "SELECT content -> 'controller' ->> 'name' FROM processing_record_version WHERE version = 2"))
                    .containsExactly("Firma AS");
            assertThat(rows(s, "SELECT how FROM vendors_seed")).containsExactly("migrated from record version 1");
        }
    }

    @Test
    void securityMeasuresTypedBeforeTheMoveStayAndOnlyTheMovedTextGoesToTheNotes() throws SQLException {
        String url = TestDatabases.empty();
        Flyway.configure().dataSource(url, TestDatabases.USER, "").locations("classpath:db/migration").target("26.11")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, "")) {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO processing_record_version (version, content, author, created_at, change_note)
                    VALUES (1, ?::jsonb, 'user:officer', TIMESTAMPTZ '2025-03-01 10:00:00+01', 'first')""")) {
                insert.setString(1, RECORD);
                insert.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("""
                        INSERT INTO vendors_vendor (id, name, role, activities, data_categories, security_measures,
                                                    sub_notice_days, created_at, updated_at)
                        VALUES (gen_random_uuid(), 'Skylager', 'PROCESSOR', '{customers}', '{name}',
                                'Kryptering i ro og under overføring', 14, now(), now()),
                               (gen_random_uuid(), 'Egen leverandør', 'PROCESSOR', '{customers}', '{name}',
                                'Notes about a migration V26_20): not the marker', 14, now(), now())""");
            }
        }
        Flyway.configure().dataSource(url, TestDatabases.USER, "").locations("classpath:db/migration").outOfOrder(true)
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, ""); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT security_measures || '|' || sub_notice_days FROM vendors_vendor WHERE name = 'Skylager'"))
                    .containsExactly("Kryptering i ro og under overføring|14");
            assertThat(rows(s, "SELECT notes FROM vendors_vendor WHERE name = 'Skylager'")).singleElement().asString()
                    .startsWith("Moved from the record of processing (version 1, migration V26_20)").contains("Cloud storage");
            // A vendor without the V26_20 marker is not touched.
            assertThat(rows(s, "SELECT security_measures || '|' || notes FROM vendors_vendor WHERE name = 'Egen leverandør'"))
                    .containsExactly("Notes about a migration V26_20): not the marker|");
        }
    }

    @Test
    void aNewInstallationHasNothingToMoveAndLeavesTheDemoSeedToRun() throws SQLException {
        String url = TestDatabases.empty();
        Flyway.configure().dataSource(url, TestDatabases.USER, "").locations("classpath:db/migration").outOfOrder(true)
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, ""); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT count(*) FROM vendors_vendor")).containsExactly("0");
            assertThat(rows(s, "SELECT count(*) FROM vendors_seed")).containsExactly("0");
            assertThat(rows(s, "SELECT count(*) FROM processing_record_version")).containsExactly("0");
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
