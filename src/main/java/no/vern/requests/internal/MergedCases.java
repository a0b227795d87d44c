package no.vern.requests.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.crypto.SubjectCipher;
import no.vern.register.SubjectsMerged;
import no.vern.shared.SubjectId;

/**
 * Request cases follow a merge of two subjects (issue 20, item 5), in the merge's transaction and before the
 * merged subject's key is destroyed: a case kept under the merged subject's key has its address, own words
 * and notes re-encrypted under the survivor's key, and every case that acts on the merged subject acts on
 * the survivor.
 */
@Component
class MergedCases {

    private final JdbcClient jdbc;
    private final SubjectCipher cipher;

    MergedCases(JdbcClient jdbc, SubjectCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    record Held(UUID id, byte @Nullable [] email, byte @Nullable [] details) {
    }

    @EventListener
    void on(SubjectsMerged merged) {
        SubjectId from = merged.from();
        SubjectId into = merged.into();
        List<Held> cases = jdbc.sql("SELECT id, email_ct, details_ct FROM requests_case WHERE subject_id = :s FOR UPDATE")
                .param("s", from.value())
                .query((rs, n) -> new Held(rs.getObject("id", UUID.class), rs.getBytes("email_ct"), rs.getBytes("details_ct")))
                .list();
        for (Held c : cases) {
            jdbc.sql("""
                    UPDATE requests_case SET subject_id = :into, email_ct = :email, details_ct = :details,
                           version = version + 1 WHERE id = :id""")
                    .param("into", into.value()).param("id", c.id())
                    .param("email", move(from, into, CaseFile.EMAIL_CATEGORY, c.id(), c.email()))
                    .param("details", move(from, into, CaseFile.DETAILS_CATEGORY, c.id(), c.details())).update();
            List<Held> notes = jdbc.sql("SELECT id, body_ct FROM requests_note WHERE case_id = :id").param("id", c.id())
                    .query((rs, n) -> new Held(rs.getObject("id", UUID.class), rs.getBytes("body_ct"), null)).list();
            for (Held note : notes) {
                jdbc.sql("UPDATE requests_note SET body_ct = :b WHERE id = :id").param("id", note.id())
                        .param("b", move(from, into, CaseFile.NOTE_CATEGORY, note.id(), note.email())).update();
            }
        }
        jdbc.sql("""
                INSERT INTO requests_case_subject (case_id, subject_id, found_at)
                SELECT case_id, :into, found_at FROM requests_case_subject WHERE subject_id = :from
                ON CONFLICT DO NOTHING""").param("into", into.value()).param("from", from.value()).update();
        jdbc.sql("DELETE FROM requests_case_subject WHERE subject_id = :from").param("from", from.value()).update();
    }

    private byte @Nullable [] move(SubjectId from, SubjectId into, String category, UUID id, byte @Nullable [] ct) {
        return ct == null ? null : cipher.encrypt(into, category, id, cipher.decrypt(from, category, id, ct));
    }
}
