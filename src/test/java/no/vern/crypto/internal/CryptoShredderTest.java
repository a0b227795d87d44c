package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;

import no.vern.crypto.CryptoShredder;
import no.vern.crypto.ShredResult;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.shared.SubjectId;

/** Erasure by destroying the subject's key, and the ledger that re-applies it after a restore (S26). */
@SpringBootTest
@AutoConfigureMockMvc // unused here: it shares one context with the audit and processing tests instead of starting its own
class CryptoShredderTest {

    @Autowired
    SubjectCipher cipher;

    @Autowired
    CryptoShredder shredder;

    @Autowired
    JdbcClient appJdbc;

    @Autowired
    MasterKeyring master;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    private final SubjectId subject = SubjectId.random();
    private final UUID record = UUID.randomUUID();

    @Test
    void shreddedSubjectCannotBeDecryptedAnyMore() {
        byte[] ciphertext = cipher.encryptText(subject, "email", record, "kari@example.no");

        ShredResult result = shredder.shred(subject);

        assertThat(result.keyDestroyed()).isTrue();
        assertThat(result.alreadyInLedger()).isFalse();
        assertThat(shredder.isShredded(subject)).isTrue();
        assertThatThrownBy(() -> cipher.decrypt(subject, "email", record, ciphertext))
                .isInstanceOf(SubjectKeyDestroyed.class)
                .hasMessageContaining(subject.toString())
                .hasMessageNotContaining("kari");
    }

    @Test
    void shreddedSubjectCannotBeWrittenAgain() {
        cipher.ensureKey(subject);
        shredder.shred(subject);

        assertThatThrownBy(() -> cipher.encryptText(subject, "email", record, "new@example.no"))
                .isInstanceOf(SubjectKeyDestroyed.class);
        assertThat(keyRow(subject)).isEmpty();
    }

    @Test
    void aBulkShredLedgersEverySubjectDestroysEachKeyAndReportsOneShreddedBeforeAsSuch() {
        // Issue 28 item 8: a purge batch shreds many subjects with one key-store round trip, in the same order
        // (ledger committed first, then the keys) and with the same answers as one shred each.
        SubjectId before = SubjectId.random();
        SubjectId other = SubjectId.random();
        SubjectId keyless = SubjectId.random(); // never had a key: ledgered all the same
        byte[] first = cipher.encryptText(subject, "email", record, "kari@example.no");
        byte[] second = cipher.encryptText(other, "email", record, "ola@example.no");
        cipher.ensureKey(before);
        shredder.shred(before);

        List<ShredResult> results = shredder.shredAll(List.of(subject, before, other, keyless, subject));

        assertThat(results).extracting(ShredResult::subject).containsExactly(subject, before, other, keyless);
        assertThat(results).extracting(ShredResult::keyDestroyed).containsExactly(true, false, true, false);
        assertThat(results).extracting(ShredResult::alreadyInLedger).containsExactly(false, true, false, false);
        assertThat(results.get(1).noOp()).isTrue();
        assertThat(List.of(subject, before, other, keyless)).allMatch(shredder::isShredded);
        assertThat(keyRow(subject)).isEmpty();
        assertThat(keyRow(other)).isEmpty();
        assertThatThrownBy(() -> cipher.decrypt(subject, "email", record, first)).isInstanceOf(SubjectKeyDestroyed.class);
        assertThatThrownBy(() -> cipher.decrypt(other, "email", record, second)).isInstanceOf(SubjectKeyDestroyed.class);
        assertThat(shredder.shredAll(List.of(subject, other))).allMatch(ShredResult::noOp);
    }

    @Test
    void secondShredIsANoOp() {
        UUID keyId = cipher.ensureKey(subject);
        ShredResult first = shredder.shred(subject);

        ShredResult second = shredder.shred(subject);

        assertThat(second.noOp()).isTrue();
        assertThat(second.keyId()).isNull();
        assertThat(second.shreddedAt()).isEqualTo(first.shreddedAt());
        assertThat(ledgerKeyId(subject)).isEqualTo(keyId);
    }

    @Test
    void shredLeavesOtherSubjectsReadable() {
        SubjectId other = SubjectId.random();
        byte[] otherCiphertext = cipher.encryptText(other, "name", record, "Ola");
        cipher.ensureKey(subject);

        shredder.shred(subject);

        assertThat(cipher.decryptText(other, "name", record, otherCiphertext)).isEqualTo("Ola");
    }

    @Test
    void shredOfASubjectThatNeverHadAKeyIsRecorded() {
        ShredResult result = shredder.shred(subject);

        assertThat(result.keyDestroyed()).isFalse();
        assertThat(result.keyId()).isNull();
        assertThat(shredder.isShredded(subject)).isTrue();
    }

    @Test
    void oldDumpCannotBeDecryptedWithTheKeysThatRemain() throws Exception {
        byte[] dumped = cipher.encryptText(subject, "name", record, "Kari Nordmann");
        cipher.ensureKey(SubjectId.random());

        shredder.shred(subject);

        List<SubjectKeys.StoredKey> remaining = owner().sql(
                "SELECT subject_id, key_id, wrapped, master_key_id FROM vern_keys.subject_key")
                .query((rs, n) -> new SubjectKeys.StoredKey(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getObject("key_id", UUID.class), rs.getBytes("wrapped"), rs.getLong("master_key_id")))
                .list();
        assertThat(remaining).isNotEmpty();
        byte[] aad = TinkSubjectCipher.associatedData(subject, "name", record);
        for (SubjectKeys.StoredKey key : remaining) {
            Aead aead = master.unwrap(key.wrapped(), key.subject()).getPrimitive(RegistryConfiguration.get(), Aead.class);
            assertThatThrownBy(() -> aead.decrypt(dumped, aad)).isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void restoredKeyIsDestroyedAgainByLedgerReplay() {
        byte[] ciphertext = cipher.encryptText(subject, "email", record, "kari@example.no");
        Map<String, Object> backup = keyRow(subject).orElseThrow(); // the key table as in an older backup

        shredder.shred(subject);
        restore(backup);

        // the restored key really works again: the test is not vacuous
        assertThat(cipher.decryptText(subject, "email", record, ciphertext)).isEqualTo("kari@example.no");

        int destroyed = shredder.replayLedger();

        assertThat(destroyed).isGreaterThanOrEqualTo(1);
        assertThat(keyRow(subject)).isEmpty();
        assertThatThrownBy(() -> cipher.decrypt(subject, "email", record, ciphertext))
                .isInstanceOf(SubjectKeyDestroyed.class);
        assertThat(shredder.replayLedger()).isZero();
    }

    @Test
    void shredRetriedAfterACrashBetweenLedgerAndKeyDeletionFinishesTheJob() {
        UUID keyId = cipher.ensureKey(subject);
        byte[] ciphertext = cipher.encryptText(subject, "email", record, "kari@example.no");
        crashAfterLedgerWrite(subject, keyId);

        ShredResult retried = shredder.shred(subject);

        assertThat(retried.keyDestroyed()).isTrue();
        assertThat(retried.alreadyInLedger()).isTrue();
        assertThat(keyRow(subject)).isEmpty();
        assertThatThrownBy(() -> cipher.decrypt(subject, "email", record, ciphertext))
                .isInstanceOf(SubjectKeyDestroyed.class);
    }

    @Test
    void ledgerReplayFinishesAShredThatCrashedBetweenLedgerAndKeyDeletion() {
        UUID keyId = cipher.ensureKey(subject);
        crashAfterLedgerWrite(subject, keyId);

        assertThat(shredder.replayLedger()).isGreaterThanOrEqualTo(1);

        assertThat(keyRow(subject)).isEmpty();
    }

    @Test
    void applicationRoleCannotRewriteTheShredLedger() {
        shredder.shred(subject);

        assertThatThrownBy(() -> appJdbc.sql("DELETE FROM crypto_shred_ledger WHERE subject_id = :s")
                .param("s", subject.value()).update())
                .hasStackTraceContaining("permission denied");
    }

    /** A shred that stopped right after the ledger insert: the key is still in the key store. */
    private void crashAfterLedgerWrite(SubjectId s, UUID keyId) {
        appJdbc.sql("INSERT INTO crypto_shred_ledger (subject_id, key_id, shredded_at) VALUES (:s, :k, :at)")
                .param("s", s.value()).param("k", keyId).param("at", OffsetDateTime.now()).update();
    }

    private JdbcClient owner() {
        return JdbcClient.create(ownerDataSource);
    }

    private java.util.Optional<Map<String, Object>> keyRow(SubjectId s) {
        return owner().sql("SELECT * FROM vern_keys.subject_key WHERE subject_id = :s").param("s", s.value())
                .query().listOfRows().stream().findFirst();
    }

    private UUID ledgerKeyId(SubjectId s) {
        return owner().sql("SELECT key_id FROM crypto_shred_ledger WHERE subject_id = :s").param("s", s.value())
                .query(UUID.class).single();
    }

    private void restore(Map<String, Object> row) {
        owner().sql("""
                INSERT INTO vern_keys.subject_key (subject_id, key_id, wrapped, master_key_id, created_at, rewrapped_at)
                VALUES (:subject_id, :key_id, :wrapped, :master_key_id, :created_at, :rewrapped_at)
                """).paramSource(row).update();
    }
}
