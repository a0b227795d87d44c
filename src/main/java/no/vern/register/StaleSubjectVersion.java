package no.vern.register;

import java.util.Map;

import org.springframework.http.HttpStatus;

import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/** An update was based on an older version of the subject (optimistic concurrency, 412). */
public final class StaleSubjectVersion extends VernProblem {

    private final long current;

    /** Signals a lost update; names the subject id and versions only. */
    public StaleSubjectVersion(SubjectId subject, long expected, long current) {
        super("stale-version", HttpStatus.PRECONDITION_FAILED, "Stale version", "Subject " + subject
                + " is at version " + current + ", not " + expected + "; reload and try again.");
        this.current = current;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("currentVersion", current);
    }
}
