package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.shared.SubjectId;

/**
 * Keys generated ahead for new subjects (issue 28 item 4): the same guarantees as a key created on first use (one
 * key per subject, stored and wrapped by the master key before any ciphertext exists, destroyed by a shred), each id
 * handed out once, and no key left behind for ids nobody took when the pool closes.
 */
@SpringBootTest
@AutoConfigureMockMvc // unused here: it shares one context with the audit and processing tests instead of starting its own
class KeyPoolTest {

    @Autowired
    SubjectCipher cipher;
    @Autowired
    CryptoShredder shredder;
    @Autowired
    DataKeyCache cache;
    @Autowired
    SubjectKeys keys;
    @Autowired
    MasterKeyring master;
    @Autowired
    Clock clock;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    private final UUID record = UUID.randomUUID();

    @Test
    void aNewSubjectsKeyIsInTheKeyStoreWrappedForThatSubjectBeforeAnythingIsEncrypted() throws Exception {
        SubjectId subject = cipher.newSubject();

        assertThat(keyRows(subject)).isEqualTo(1);
        byte[] wrapped = owner().sql("SELECT wrapped FROM vern_keys.subject_key WHERE subject_id = :s")
                .param("s", subject.value()).query(byte[].class).single();
        assertThat(master.unwrap(wrapped, subject)).isNotNull();
        assertThatThrownBy(() -> master.unwrap(wrapped, SubjectId.random()))
                .as("wrapped with the subject id as associated data").isInstanceOf(Exception.class);
    }

    @Test
    void whatIsEncryptedUnderAPooledKeyDecryptsWithTheStoredKeyAfterTheCacheIsGone() {
        SubjectId subject = cipher.newSubject();
        byte[] ciphertext = cipher.encryptText(subject, "email", record, "pool@kanarifugl.example");

        cache.clear();

        assertThat(cipher.decryptText(subject, "email", record, ciphertext)).isEqualTo("pool@kanarifugl.example");
    }

    @Test
    void everyIdIsHandedOutOnceAcrossBatches() {
        Set<SubjectId> seen = new HashSet<>();
        for (int i = 0; i < KeyPool.BATCH * 3; i++) {
            assertThat(seen.add(cipher.newSubject())).isTrue();
        }
        assertThat(owner().sql("SELECT count(*) FROM vern_keys.subject_key WHERE subject_id = ANY(:s)")
                .param("s", seen.stream().map(SubjectId::value).toArray(UUID[]::new)).query(Long.class).single())
                .isEqualTo(seen.size());
    }

    @Test
    void manyNewSubjectsAtOnceEachHaveTheirOwnStoredKeyThatDecryptsAfterTheCacheIsGoneAndIsShreddedLikeAnyOther() {
        // Issue 28 item 8: a purge batch's case keys, generated and stored together (one batched insert, one commit).
        List<SubjectId> subjects = cipher.newSubjects(5);

        assertThat(subjects).hasSize(5).doesNotHaveDuplicates();
        assertThat(owner().sql("SELECT count(DISTINCT key_id) FROM vern_keys.subject_key WHERE subject_id = ANY(:s)")
                .param("s", subjects.stream().map(SubjectId::value).toArray(UUID[]::new)).query(Long.class).single())
                .isEqualTo(5);
        List<byte[]> sealed = subjects.stream().map(s -> cipher.encryptText(s, "case", record, "id " + s)).toList();
        cache.clear();
        for (int i = 0; i < subjects.size(); i++) {
            assertThat(cipher.decryptText(subjects.get(i), "case", record, sealed.get(i))).isEqualTo("id " + subjects.get(i));
        }
        assertThatThrownBy(() -> cipher.decrypt(subjects.get(1), "case", record, sealed.get(0)))
                .as("bound to its own key").isInstanceOf(Exception.class);

        shredder.shred(subjects.get(0));

        assertThat(keyRows(subjects.get(0))).isZero();
        assertThatThrownBy(() -> cipher.decrypt(subjects.get(0), "case", record, sealed.get(0)))
                .isInstanceOf(SubjectKeyDestroyed.class);
        assertThat(cipher.decryptText(subjects.get(1), "case", record, sealed.get(1))).isEqualTo("id " + subjects.get(1));
    }

    @Test
    void aPooledSubjectIsShreddedLikeAnyOther() {
        SubjectId subject = cipher.newSubject();
        byte[] ciphertext = cipher.encryptText(subject, "name", record, "Kari Nordmann");

        shredder.shred(subject);

        assertThat(keyRows(subject)).isZero();
        assertThatThrownBy(() -> cipher.decrypt(subject, "name", record, ciphertext))
                .isInstanceOf(SubjectKeyDestroyed.class);
        assertThatThrownBy(() -> cipher.encryptText(subject, "name", record, "again"))
                .isInstanceOf(SubjectKeyDestroyed.class);
    }

    @Test
    void keysNobodyTookAreDeletedWhenThePoolClosesAndTheTakenOneStays() {
        KeyPool pool = new KeyPool(keys, master, clock);
        SubjectId taken = pool.take().subject();
        List<SubjectId> waiting = pool.waiting();
        assertThat(waiting).isNotEmpty().doesNotContain(taken);
        assertThat(waiting).allSatisfy(s -> assertThat(keyRows(s)).isEqualTo(1));

        pool.close();

        assertThat(waiting).allSatisfy(s -> assertThat(keyRows(s)).isZero());
        assertThat(keyRows(taken)).isEqualTo(1);
        assertThatThrownBy(pool::take).isInstanceOf(IllegalStateException.class);
    }

    private long keyRows(SubjectId subject) {
        return owner().sql("SELECT count(*) FROM vern_keys.subject_key WHERE subject_id = :s")
                .param("s", subject.value()).query(Long.class).single();
    }

    private JdbcClient owner() {
        return JdbcClient.create(ownerDataSource);
    }
}
