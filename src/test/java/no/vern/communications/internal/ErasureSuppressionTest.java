package no.vern.communications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.register.SubjectErased;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/**
 * What the communications module holds per person goes with the person's erasure (GDPR Art. 17(1)), in the erasure's
 * own transaction (issue 28 item 8): committed with it, for every subject of the transaction in one statement, and
 * never when the erasure rolls back.
 */
@VernTest
class ErasureSuppressionTest {

    @Autowired
    Languages languages;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    private boolean stored(SubjectId subject) {
        return jdbc.sql("SELECT count(*) FROM communications_language WHERE subject_id = :s").param("s", subject.value())
                .query(Integer.class).single() == 1;
    }

    @Test
    void art17_theLanguagesOfTheSubjectsOfOneErasureTransactionGoAtItsCommitAndNoOtherOne() {
        SubjectId a = SubjectId.random();
        SubjectId b = SubjectId.random();
        SubjectId kept = SubjectId.random();
        languages.set(a, "en");
        languages.set(b, "en");
        languages.set(kept, "en");

        AtomicReference<List<Boolean>> inside = new AtomicReference<>();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            publisher.publishEvent(new SubjectErased(a));
            publisher.publishEvent(new SubjectErased(b));
            inside.set(List.of(stored(a), stored(b)));
        });

        assertThat(inside.get()).as("written just before the commit, together").containsExactly(true, true);
        assertThat(stored(a)).isFalse();
        assertThat(stored(b)).isFalse();
        assertThat(stored(kept)).isTrue();
        assertThat(languages.of(kept)).isEqualTo("en");
    }

    @Test
    void art17_anErasureThatRollsBackLeavesTheLanguage() {
        SubjectId subject = SubjectId.random();
        languages.set(subject, "en");

        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            publisher.publishEvent(new SubjectErased(subject));
            s.setRollbackOnly();
        });

        assertThat(stored(subject)).isTrue();
        assertThat(languages.of(subject)).isEqualTo("en");
    }

    @Test
    void art17_anErasurePublishedOutsideATransactionDeletesTheLanguageAtOnce() {
        SubjectId subject = SubjectId.random();
        languages.set(subject, "en");

        publisher.publishEvent(new SubjectErased(subject));

        assertThat(stored(subject)).isFalse();
    }
}
