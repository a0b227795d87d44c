package no.vern.register;

import java.util.Map;

import org.springframework.http.HttpStatus;

import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/** The subject was erased (GDPR Art. 17): the id is remembered, its data is gone for good (410). */
public final class SubjectGone extends VernProblem {

    private final String subject;

    /** Signals that the subject was erased; names the subject id only. */
    public SubjectGone(SubjectId subject) {
        super("subject-erased", HttpStatus.GONE, "Subject erased", "Subject " + subject + " has been erased.");
        this.subject = subject.toString();
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("subjectId", subject);
    }
}
