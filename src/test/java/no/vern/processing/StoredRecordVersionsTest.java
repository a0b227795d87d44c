package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.shared.JdbcTime;

/**
 * A version of the record stored before the vendor register (migration V26_20) holds recipients with a country, a
 * third-country flag, a safeguard and an "agreement in place" flag. The API refuses those members in new input
 * (issue 26), but the history must still read: an auditor opens old versions (Art. 5(2)).
 */
@SpringBootTest
@AutoConfigureMockMvc
class StoredRecordVersionsTest {

    @Autowired
    ProcessingRecord record;
    @Autowired
    JdbcClient jdbc;
    /** The history is append-only for the application's role: the test's own version is removed as the owner. */
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void aVersionStoredWithTheOldRecipientFieldsStillReadsWithoutThem() {
        int version = jdbc.sql("SELECT max(version) + 1000 FROM processing_record_version").query(Integer.class).single();
        // The current record with the old members added to every recipient, as versions before V26_20 were stored.
        jdbc.sql("""
                INSERT INTO processing_record_version (version, content, author, created_at, change_note)
                SELECT :version, jsonb_set(content, '{activities}', (
                         SELECT jsonb_agg(jsonb_set(a, '{recipients}', (
                                  SELECT coalesce(jsonb_agg(r || '{"country": "US", "thirdCountryTransfer": true,
                                         "safeguard": "SCC", "agreementInPlace": true}'::jsonb), '[]'::jsonb)
                                  FROM jsonb_array_elements(a -> 'recipients') r)))
                         FROM jsonb_array_elements(content -> 'activities') a)),
                       'test', :at, 'stored before the vendor register'
                FROM processing_record_version ORDER BY version DESC LIMIT 1
                """).param("version", version).param("at", JdbcTime.param(Instant.now())).update();
        try {
            assertThat(jdbc.sql("SELECT count(*) FROM processing_record_version v, jsonb_array_elements(v.content -> 'activities') a,"
                    + " jsonb_array_elements(a -> 'recipients') r WHERE v.version = :v AND r ->> 'agreementInPlace' IS NOT NULL")
                    .param("v", version).query(Long.class).single()).isPositive();

            RecordVersion old = record.version(version).orElseThrow();

            assertThat(old.changeNote()).isEqualTo("stored before the vendor register");
            assertThat(old.document().activities()).flatExtracting(Activity::recipients).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.kind()).isNotNull());
        } finally {
            JdbcClient.create(owner).sql("DELETE FROM processing_record_version WHERE version = :v").param("v", version)
                    .update();
        }
    }
}
