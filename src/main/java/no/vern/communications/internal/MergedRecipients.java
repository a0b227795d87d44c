package no.vern.communications.internal;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.register.SubjectsMerged;

/**
 * An objection follows the person through a merge of two subjects (issue 20, item 5; GDPR Art. 21(3)): the
 * merged subject's objections are recorded for the survivor (append-only, original times kept), and its
 * language is kept when the survivor has none. Same transaction as the merge.
 */
@Component
class MergedRecipients {

    private final JdbcClient jdbc;

    MergedRecipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(SubjectsMerged merged) {
        jdbc.sql("""
                INSERT INTO communications_objection (subject_id, list_id, channel, at)
                SELECT :into, list_id, channel, at FROM communications_objection WHERE subject_id = :from ORDER BY id""")
                .param("into", merged.into().value()).param("from", merged.from().value()).update();
        jdbc.sql("""
                INSERT INTO communications_language (subject_id, language)
                SELECT :into, language FROM communications_language WHERE subject_id = :from
                ON CONFLICT (subject_id) DO NOTHING""")
                .param("into", merged.into().value()).param("from", merged.from().value()).update();
    }
}
