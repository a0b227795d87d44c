package no.vern.events.internal;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.register.SubjectsMerged;

/**
 * A participant merged into another subject (issue 20, item 5) keeps their registrations: they now belong to
 * the surviving subject, in the merge's transaction (check-in, cancel links and the purge after the event
 * keep working).
 */
@Component
class MergedParticipants {

    private final JdbcClient jdbc;

    MergedParticipants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(SubjectsMerged merged) {
        jdbc.sql("UPDATE events_registration SET subject_id = :into WHERE subject_id = :from")
                .param("into", merged.into().value()).param("from", merged.from().value()).update();
    }
}
