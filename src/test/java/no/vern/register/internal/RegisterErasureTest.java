package no.vern.register.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.processing.SubjectKind;
import no.vern.register.ConsentRequired;
import no.vern.register.ErasureResult;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.RecordsErased;
import no.vern.register.Source;
import no.vern.register.SubjectErased;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectUpdate;
import no.vern.shared.Actor;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * Erasure by crypto-shredding (GDPR Art. 17, S26): order, idempotency, crash half-way, purpose-only erasure, and the
 * ciphertext rows left to the recovery job (issue 28 item 7).
 */
@VernTest
@RecordApplicationEvents
class RegisterErasureTest {

    private static final String PURPOSE = "customer-administration";

    @Autowired
    SubjectRegister register;
    @Autowired
    Erasure erasure;
    @Autowired
    CryptoShredder shredder;
    @Autowired
    SubjectCipher cipher;
    @Autowired
    Subjects subjects;
    @Autowired
    no.vern.register.RetentionView retention;
    @Autowired
    no.vern.register.RestrictionReleases releases;
    @Autowired
    no.vern.register.Restrictions restrictions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    SubjectId contact(String email) {
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), PURPOSE, Source.CUSTOMER,
                null, PersonalData.contact(Canaries.NAME, email, Canaries.PHONE)));
    }

    long rows(String table, SubjectId subject) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE subject_id = :s").param("s", subject.value())
                .query(Long.class).single();
    }

    @Test
    void erasureDestroysTheKeyAndBlindIndexesAtOnceAndSaysTheUnreadableRowsArePending() {
        SubjectId subject = contact("erase.me@kanarifugl.example");
        java.util.UUID record = jdbc.sql("SELECT id FROM register_record WHERE subject_id = :s AND category = 'email'")
                .param("s", subject.value()).query(java.util.UUID.class).single();
        byte[] ciphertext = jdbc.sql("SELECT ciphertext FROM register_record WHERE subject_id = :s AND id = :id")
                .param("s", subject.value()).param("id", record).query(byte[].class).single();

        ErasureResult result = register.erase(subject);

        assertThat(result.alreadyErased()).isFalse();
        assertThat(shredder.isShredded(subject)).isTrue();
        assertThat(rows("register_blind_index", subject)).isZero();
        assertThat(register.findByEmail("erase.me@kanarifugl.example")).isEmpty();
        assertThat(register.isErased(subject)).isTrue();
        assertThat(events.stream(SubjectErased.class).filter(e -> e.subject().equals(subject))).hasSize(1);
        assertThatThrownBy(() -> register.read(subject, PURPOSE)).isInstanceOf(SubjectGone.class);
        assertThat(register.history(subject)).anyMatch(c -> c.change().equals("erased"));
        // The rows are left to the recovery job, and the result says so: they are still there, and unreadable.
        assertThat(result.rowsPending()).isTrue();
        assertThat(rows("register_record", subject)).isEqualTo(3);
        assertThatThrownBy(() -> cipher.decrypt(subject, "email", record, ciphertext))
                .isInstanceOf(SubjectKeyDestroyed.class);
        assertThat(register.history(subject)).noneMatch(c -> c.change().equals("ciphertexts-deleted"));
    }

    @Test
    void theRecoveryJobDeletesTheRowsAnErasureLeftExactlyOnceAndSaysSo() {
        SubjectId subject = contact("rows.later@kanarifugl.example");
        register.erase(subject);

        int deleted = ErasureRecovery.deletePendingRows(erasure, subjects);

        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(rows("register_record", subject)).isZero();
        assertThat(rows("register_attachment", subject)).isZero();
        assertThat(erasure.rowsPending(subject)).isFalse();
        assertThat(register.erase(subject)).satisfies(again -> {
            assertThat(again.alreadyErased()).isTrue();
            assertThat(again.rowsPending()).isFalse();
        });
        assertThat(erasure.deleteRows(subject, Actor.system("test"))).as("a second run deletes nothing").isZero();
        assertThat(register.history(subject).stream().filter(c -> c.change().equals("ciphertexts-deleted"))).hasSize(1);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'register.subject.erase-rows' AND :target = ANY(targets)
                """).param("target", subject.reference()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSubjectWhoseRowsWaitForDeletionHoldsNothingForRetention() {
        SubjectId subject = contact("held.nothing@kanarifugl.example");
        assertThat(retention.holdsRecords(subject)).isTrue();

        register.erase(subject);

        assertThat(rows("register_record", subject)).isEqualTo(3);
        assertThat(retention.holdsRecords(subject)).isFalse();
        assertThat(retention.holdsRecordsBesides(subject, "newsletter")).isFalse();
    }

    @Test
    void anErasureInsideACallersTransactionThatRollsBackStaysMarkedAndIsFinishedByARetry() {
        // The key store is not part of the caller's transaction: once the key is gone, the erased marker must
        // survive the caller's rollback, or the subject would be unreadable yet neither erased nor recoverable.
        SubjectId subject = contact("rollback@kanarifugl.example");
        TransactionTemplate callers = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> callers.executeWithoutResult(s -> {
            register.erase(subject);
            throw new IllegalStateException("the caller fails after the erasure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(shredder.isShredded(subject)).isTrue();
        assertThat(register.isErased(subject)).as("marker survives the rollback; the recovery job will see it").isTrue();
        assertThat(jdbc.sql("SELECT erasure_completed_at IS NULL FROM register_subject WHERE id = :id")
                .param("id", subject.value()).query(Boolean.class).single()).isTrue();
        register.erase(subject);
        assertThat(rows("register_blind_index", subject)).isZero();
        erasure.deleteRows(subject, Actor.system("test")); // the recovery job's step (it may have run already)
        assertThat(rows("register_record", subject)).isZero();
    }

    @Test
    void asecondErasureIsANoOp() {
        SubjectId subject = contact("twice@kanarifugl.example");
        register.erase(subject);

        ErasureResult again = register.erase(subject);

        assertThat(again.alreadyErased()).isTrue();
        assertThat(events.stream(SubjectErased.class).filter(e -> e.subject().equals(subject))).hasSize(1);
    }

    @Test
    void anErasureThatCrashedAfterTheKeyWasDestroyedIsFinishedByTheNextErase() {
        SubjectId subject = contact("crash.after.shred@kanarifugl.example");
        erasure.markErased(subject);
        erasure.shred(subject);
        // crash here: key gone, rows still there; nothing can be read any more
        assertThat(rows("register_record", subject)).isEqualTo(3);
        assertThatThrownBy(() -> register.read(subject, PURPOSE)).isInstanceOf(SubjectGone.class);

        ErasureResult finished = register.erase(subject);

        assertThat(finished.alreadyErased()).isFalse();
        assertThat(finished.rowsPending()).isTrue();
        assertThat(rows("register_blind_index", subject)).isZero();
        erasure.deleteRows(subject, Actor.system("test")); // the recovery job's step (it may have run already)
        assertThat(rows("register_record", subject)).isZero();
    }

    @Test
    void art17_3_b_aReleaseThatCrashedAfterMarkingTheSubjectErasedIsFinishedByTheNextRun() {
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), PURPOSE,
                Source.CUSTOMER, null, new PersonalData(Canaries.NAME, "crash.release@kanarifugl.example", null, null,
                        "Faktura 2020-001", null, null, null)));
        java.time.LocalDate yesterday = java.time.LocalDate.now(no.vern.shared.VernClock.ZONE).minusDays(1);
        register.eraseKeeping(subject, "test: kept under bookkeeping", java.util.List.of(
                new no.vern.register.KeptCategory(PURPOSE, "purchase-history", "bokføringsloven § 13", yesterday)));
        assertThat(jdbc.sql("SELECT category FROM register_record WHERE subject_id = :s").param("s", subject.value())
                .query(String.class).list()).containsExactly("purchase-history");
        erasure.markErased(subject); // the release's first step for a subject's last kept category; crash here
        assertThat(shredder.isShredded(subject)).isFalse();

        releases.releaseDue();

        assertThat(shredder.isShredded(subject)).isTrue();
        assertThat(rows("register_record", subject)).isZero();
        assertThat(restrictions.isRestricted(subject)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM register_restriction_category WHERE subject_id = :s")
                .param("s", subject.value()).query(Long.class).single()).isZero();
    }

    @Test
    void anErasureThatCrashedBeforeTheShredIsFinishedByTheNextErase() {
        SubjectId subject = contact("crash.before.shred@kanarifugl.example");
        erasure.markErased(subject);
        // crash here: marked, key still there
        assertThat(shredder.isShredded(subject)).isFalse();

        register.erase(subject);

        assertThat(shredder.isShredded(subject)).isTrue();
        assertThat(erasure.rowsPending(subject)).isTrue();
    }

    @Test
    void finishingTwiceDeletesNothingMore() {
        SubjectId subject = contact("finish.twice@kanarifugl.example");
        register.erase(subject);
        assertThat(erasure.finish(subject, Actor.system("test"))).isFalse();
    }

    @Test
    void nothingCanBeAddedToAnErasedSubject() {
        SubjectId subject = contact("closed@kanarifugl.example");
        long version = register.summary(subject).version();
        register.erase(subject);
        assertThatThrownBy(() -> register.update(subject, version, new SubjectUpdate(PURPOSE, Source.CUSTOMER, null,
                null, PersonalData.contact("Ny", null, null)))).isInstanceOf(SubjectGone.class);
    }

    @Test
    void erasingOnePurposeLeavesTheRecordsOfOtherPurposes() {
        SubjectId subject = contact("two.purposes@kanarifugl.example");
        register.update(subject, 1, new SubjectUpdate("customer-newsletter", Source.SUBJECT, null, null,
                PersonalData.contact(null, "two.purposes@kanarifugl.example", null)));
        assertThat(register.read(subject, "customer-newsletter").records()).hasSize(1);

        register.eraseRecords(subject, "customer-newsletter");

        assertThat(register.read(subject, "customer-newsletter").records()).isEmpty();
        assertThat(register.read(subject, PURPOSE).records()).hasSize(3);
        assertThat(register.findByEmail("two.purposes@kanarifugl.example")).hasSize(1);
        assertThat(events.stream(RecordsErased.class).filter(e -> e.subject().equals(subject))).hasSize(1);
    }

    @Test
    void aCvNeedsConsentBeforeItIsStored() {
        // S4: candidates' data only after consent; without a consent module no consent exists.
        SubjectId subject = contact("cv@kanarifugl.example");
        assertThatThrownBy(() -> register.attach(subject, "recruitment", "application/pdf", new byte[] { 1, 2, 3 }))
                .isInstanceOf(ConsentRequired.class);
        assertThat(rows("register_attachment", subject)).isZero();
    }
}
