package no.vern.crypto;

import java.util.Map;

import org.springframework.http.HttpStatus;

import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/** The subject's data key was shredded: its data is gone for good, and nothing new may be stored. */
public final class SubjectKeyDestroyed extends VernProblem {

    private final SubjectId subject;

    /** Signals that the subject was shredded; the message names the subject id only. */
    public SubjectKeyDestroyed(SubjectId subject) {
        super("subject-key-destroyed", HttpStatus.GONE, "Subject erased",
                "The data key of subject " + subject + " has been destroyed; its data cannot be read or written.");
        this.subject = subject;
    }

    /** The erased subject. */
    public SubjectId subject() {
        return subject;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("subjectId", subject.toString());
    }
}
