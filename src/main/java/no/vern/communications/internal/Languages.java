package no.vern.communications.internal;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.shared.SubjectId;

/** The language each person is written to in ({@code communications_language}); Norwegian by default. */
@Component
class Languages {

    private final JdbcClient jdbc;

    Languages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void set(SubjectId subject, String language) {
        jdbc.sql("""
                INSERT INTO communications_language (subject_id, language) VALUES (:s, :l)
                ON CONFLICT (subject_id) DO UPDATE SET language = excluded.language""").param("s", subject.value())
                .param("l", language).update();
    }

    String of(SubjectId subject) {
        return jdbc.sql("SELECT language FROM communications_language WHERE subject_id = :s").param("s", subject.value())
                .query(String.class).optional().orElse("nb");
    }

    /** Deletes the languages of these subjects, in one statement. */
    void deleteAll(Collection<SubjectId> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM communications_language WHERE subject_id = ANY(:s)")
                .param("s", subjects.stream().map(SubjectId::value).toArray(UUID[]::new)).update();
    }
}
