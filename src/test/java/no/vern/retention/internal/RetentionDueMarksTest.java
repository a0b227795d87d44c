package no.vern.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.crypto.SubjectCipher;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/**
 * The write-time marks of {@code retention_due} (issue 28 items 7 and 8, migration V30_30): a transaction marks a
 * subject's row once however many statements write its records, so a subject written record by record does not pile
 * up one row version per statement (which made those writes quadratic and the subject's next write, its erasure's
 * among others, walk them all); a plan that read the row before still cannot write its stale result back (GDPR
 * Art. 5(1)(e): no due item is hidden), and every new transaction marks it again. An erasure removes the subject's
 * rows in its own transaction (V30_70).
 */
@VernTest
class RetentionDueMarksTest {

    private static final String PURPOSE = "customer-administration";

    @Autowired
    SubjectRegister register;
    @Autowired
    DueDates dueDates;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SubjectCipher cipher;

    @Test
    void recordsWrittenOneStatementEachInOneTransactionMarkTheSubjectOnceAndAStalePlanStillCannotWriteBack() {
        SubjectId subject = contact();
        planned(subject, Instant.parse("2031-01-01T00:00:00Z"));
        long before = generation(subject);

        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 50; i++) {
                insertRecord(subject);
            }
        });

        assertThat(dueFrom(subject)).as("looked at by the next plan").isEqualTo(Instant.EPOCH);
        assertThat(generation(subject)).as("one mark for the transaction, not one per statement").isEqualTo(before + 1);

        // A plan that read the row before the records came writes back nothing: the mark stands.
        dueDates.next(List.of(new DueDates.Due(subject, PURPOSE, before)), List.of(Instant.parse("2032-01-01T00:00:00Z")));
        assertThat(dueFrom(subject)).isEqualTo(Instant.EPOCH);

        tx.executeWithoutResult(s -> insertRecord(subject));
        assertThat(generation(subject)).as("a later transaction marks it again").isEqualTo(before + 2);
    }

    @Test
    void aRowThisTransactionWroteBackIsStillMarkedByARecordWrittenAfterIt() {
        SubjectId subject = contact();
        long before = generation(subject);

        tx.executeWithoutResult(s -> {
            planned(subject, Instant.parse("2031-01-01T00:00:00Z"));
            insertRecord(subject);
            insertRecord(subject);
        });

        assertThat(dueFrom(subject)).as("the record written after the write-back makes it due for a look")
                .isEqualTo(Instant.EPOCH);
        assertThat(generation(subject)).isEqualTo(before + 1);
    }

    @Test
    void aSubjectChangedByManyStatementsInOneTransactionIsMarkedOnce() {
        SubjectId subject = contact();
        planned(subject, null);
        long before = generation(subject);

        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 20; i++) {
                jdbc.sql("UPDATE register_subject SET updated_at = updated_at WHERE id = :s").param("s", subject.value())
                        .update();
            }
        });

        assertThat(dueFrom(subject)).isEqualTo(Instant.EPOCH);
        assertThat(generation(subject)).isEqualTo(before + 1);
    }

    @Test
    void anErasedSubjectLeavesNoRowForTheNextPlanToReadAgain() {
        // Migration V30_70: the erasure's own transaction removes the rows the next plan would only read and forget
        // (the planner holds nothing of an erased subject: its key is destroyed, GDPR Art. 17).
        SubjectId erased = contact();
        SubjectId kept = contact();
        planned(erased, Instant.parse("2031-01-01T00:00:00Z"));
        planned(kept, Instant.parse("2031-01-01T00:00:00Z"));
        assertThat(rows(erased)).isEqualTo(1);

        register.erase(erased);

        assertThat(rows(erased)).as("the erased subject's rows").isZero();
        assertThat(dueDates.dueAt(Instant.parse("2100-01-01T00:00:00Z"))).extracting(DueDates.Due::subject)
                .doesNotContain(erased);
        assertThat(dueFrom(kept)).as("another subject's row is untouched").isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
    }

    private long rows(SubjectId subject) {
        return jdbc.sql("SELECT count(*) FROM retention_due WHERE subject_id = :s").param("s", subject.value())
                .query(Long.class).single();
    }

    private SubjectId contact() {
        // From the person (no Art. 14 notice owed): the shared test database's notice job has nothing to send for it.
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), PURPOSE, Source.SUBJECT,
                null, PersonalData.contact("Due Marks", null, null)));
    }

    /** As a plan's write-back leaves the row (the next instant it has work, or none). */
    private void planned(SubjectId subject, Instant next) {
        jdbc.sql("UPDATE retention_due SET due_from = :next WHERE subject_id = :s AND purpose_key = :p")
                .param("next", next == null ? null : JdbcTime.param(next)).param("s", subject.value()).param("p", PURPOSE)
                .update();
    }

    /** A real record (encrypted under the subject's key, as the register writes it), in a statement of its own. */
    private void insertRecord(SubjectId subject) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO register_record (subject_id, id, category, ciphertext, source, purposes, legal_basis,
                                             collected_at, confirmed_at)
                VALUES (:s, :id, 'purchase-history', :c, 'SUBJECT', ARRAY[CAST(:p AS text)], 'CONTRACT', now(), now())
                """).param("s", subject.value()).param("id", id)
                .param("c", cipher.encryptText(subject, "purchase-history", id, "Ordre: 1 x skjerm"))
                .param("p", PURPOSE).update();
    }

    private Instant dueFrom(SubjectId subject) {
        return jdbc.sql("SELECT due_from FROM retention_due WHERE subject_id = :s AND purpose_key = :p")
                .param("s", subject.value()).param("p", PURPOSE).query((rs, n) -> JdbcTime.instant(rs, "due_from"))
                .single();
    }

    private long generation(SubjectId subject) {
        return jdbc.sql("SELECT generation FROM retention_due WHERE subject_id = :s AND purpose_key = :p")
                .param("s", subject.value()).param("p", PURPOSE).query(Long.class).single();
    }
}
