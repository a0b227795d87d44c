package no.vern.crypto;

import java.util.Map;

import org.springframework.http.HttpStatus;

import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/**
 * A ciphertext did not authenticate for the subject, category and record it was presented with
 * (moved to another row, tampered with, or no key exists): the value is refused, never guessed.
 */
public final class CiphertextRejected extends VernProblem {

    private final SubjectId subject;

    /** Signals a refused ciphertext; {@code reason} must be fixed text, never data. */
    public CiphertextRejected(SubjectId subject, String reason) {
        super("ciphertext-rejected", HttpStatus.INTERNAL_SERVER_ERROR, "Stored data failed its integrity check",
                "A stored value of subject " + subject + " was rejected: " + reason + ".");
        this.subject = subject;
    }

    /** The subject the ciphertext was presented for. */
    public SubjectId subject() {
        return subject;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("subjectId", subject.toString());
    }
}
