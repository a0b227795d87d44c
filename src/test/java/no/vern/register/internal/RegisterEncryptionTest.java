package no.vern.register.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.crypto.CiphertextRejected;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.PostalAddress;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * Issue 4 "done when": no plaintext in any table of any schema; crypto-shredding makes old copies
 * unreadable; ciphertexts cannot be moved between rows; a restored backup is shredded again by the
 * ledger replay (GDPR Art. 17, Art. 32, S15).
 */
@VernTest
class RegisterEncryptionTest {

    private static final String PURPOSE = "customer-administration";

    @Autowired
    SubjectRegister register;
    @Autowired
    SubjectCipher cipher;
    @Autowired
    CryptoShredder shredder;
    @Autowired
    Erasure erasure;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    JdbcClient owner() {
        return JdbcClient.create(ownerDataSource);
    }

    SubjectId canarySubject() {
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), PURPOSE, Source.CUSTOMER,
                null, new PersonalData(Canaries.NAME, Canaries.EMAIL, Canaries.PHONE,
                        new PostalAddress("Kanariveien 7", "0150", "Oslo", "NO"), "Kanari-abonnement 2026",
                        "NO93 8601 1117 947", null, null)));
    }

    @Test
    void aDumpOfEveryTableOfEverySchemaHoldsNoCanaryPlaintext() throws Exception {
        // GDPR Art. 32: personal data is encrypted at rest; blind indexes are keyed hashes.
        SubjectId subject = canarySubject();
        assertThat(register.read(subject, PURPOSE).value("email")).contains(Canaries.EMAIL);

        String dump = dumpEverySchema();

        assertThat(dump).contains(subject.toString()); // the dump really holds the subject's rows
        List<String> forms = new ArrayList<>(Canaries.ALL);
        forms.addAll(List.of(Canaries.EMAIL.toLowerCase(Locale.ROOT), "Kanariveien", "Kanari-abonnement",
                "NO9386011117947", "86011117947"));
        no.vern.support.DatabaseDump.assertHoldsNone(dump, forms);
    }

    @Test
    void ciphertextsFromADumpTakenBeforeErasureCannotBeDecryptedAfterwards() {
        // GDPR Art. 17: crypto-shredding makes every copy unreadable, backups included.
        SubjectId subject = canarySubject();
        List<Map<String, Object>> dumped = owner().sql("SELECT id, category, ciphertext FROM register_record WHERE subject_id = :s")
                .param("s", subject.value()).query().listOfRows();
        assertThat(dumped).hasSize(6);

        register.erase(subject);

        for (Map<String, Object> row : dumped) {
            assertThatThrownBy(() -> cipher.decrypt(subject, (String) row.get("category"), (UUID) row.get("id"),
                    (byte[]) row.get("ciphertext"))).isInstanceOf(SubjectKeyDestroyed.class);
        }
        erasure.deleteRows(subject, no.vern.shared.Actor.system("test")); // the recovery job's step (issue 28 item 7)
        assertThat(owner().sql("SELECT count(*) FROM register_record WHERE subject_id = :s").param("s", subject.value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aCiphertextMovedToAnotherSubjectsRowFailsToDecrypt() {
        // Associated data binds each ciphertext to subject, category and record id.
        SubjectId victim = canarySubject();
        SubjectId other = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), PURPOSE,
                Source.CUSTOMER, null, PersonalData.contact("Annen Person", "annen.person@example.no", null)));
        owner().sql("""
                UPDATE register_record SET ciphertext = (SELECT ciphertext FROM register_record
                    WHERE subject_id = :victim AND category = 'email')
                WHERE subject_id = :other AND category = 'email'
                """).param("victim", victim.value()).param("other", other.value()).update();

        assertThatThrownBy(() -> register.read(other, PURPOSE)).isInstanceOf(CiphertextRejected.class);
    }

    @Test
    void aCiphertextMovedToAnotherCategoryOfTheSameSubjectFailsToDecrypt() {
        SubjectId subject = canarySubject();
        owner().sql("""
                UPDATE register_record SET ciphertext = (SELECT ciphertext FROM register_record
                    WHERE subject_id = :s AND category = 'email')
                WHERE subject_id = :s AND category = 'name'
                """).param("s", subject.value()).update();

        assertThatThrownBy(() -> register.read(subject, PURPOSE)).isInstanceOf(CiphertextRejected.class);
    }

    @Test
    void aCopyTakenBeforeAnErasureIsUnreadableOnceTheShredLedgerIsReplayed() {
        SubjectId subject = canarySubject();
        // The backup: the subject's key (key store) and its records (main database), before the erasure.
        Map<String, Object> key = owner().sql("SELECT * FROM vern_keys.subject_key WHERE subject_id = :s")
                .param("s", subject.value()).query().singleRow();
        List<Map<String, Object>> records = owner().sql("""
                SELECT subject_id, id, category, ciphertext, source, array_to_string(purposes, ',') AS purposes,
                       legal_basis, collected_at, confirmed_at, version FROM register_record WHERE subject_id = :s
                """).param("s", subject.value()).query().listOfRows();

        register.erase(subject);
        erasure.deleteRows(subject, no.vern.shared.Actor.system("test")); // the recovery job's step (issue 28 item 7)

        // The restore: key row and records come back, the subject row as it was.
        owner().sql("""
                INSERT INTO vern_keys.subject_key (subject_id, key_id, wrapped, master_key_id, created_at, rewrapped_at)
                VALUES (:subject_id, :key_id, :wrapped, :master_key_id, :created_at, :rewrapped_at)
                """).paramSource(key).update();
        for (Map<String, Object> row : records) {
            owner().sql("""
                    INSERT INTO register_record (subject_id, id, category, ciphertext, source, purposes, legal_basis,
                                                 collected_at, confirmed_at, version)
                    VALUES (:subject_id, :id, :category, :ciphertext, :source, string_to_array(:purposes, ','),
                            :legal_basis, :collected_at, :confirmed_at, :version)
                    """).paramSource(row).update();
        }
        owner().sql("UPDATE register_subject SET erased_at = NULL, erasure_completed_at = NULL, rows_deleted_at = NULL WHERE id = :s")
                .param("s", subject.value()).update();
        assertThat(register.read(subject, PURPOSE).records()).hasSize(6); // the restore brought the data back

        assertThat(shredder.replayLedger()).isGreaterThanOrEqualTo(1);

        assertThatThrownBy(() -> register.read(subject, PURPOSE)).isInstanceOf(SubjectKeyDestroyed.class);
    }

    private String dumpEverySchema() throws Exception {
        return no.vern.support.DatabaseDump.everySchema(ownerDataSource);
    }
}
