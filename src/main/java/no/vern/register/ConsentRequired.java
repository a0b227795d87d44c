package no.vern.register;

import java.util.Map;

import no.vern.shared.Conflict;
import no.vern.shared.SubjectId;

/** Storing was refused because the purpose or the subject's kind needs a consent that does not exist (S4, S5). */
public final class ConsentRequired extends Conflict {

    private final String subject;
    private final String purpose;

    /** Signals the refusal; the detail names the subject id (or "new subject") and the purpose key only. */
    public ConsentRequired(SubjectId subject, String purposeKey) {
        super("consent-required", "Consent required", "Subject " + subject + " has no consent for purpose '"
                + purposeKey + "'; nothing was stored.");
        this.subject = subject.toString();
        this.purpose = purposeKey;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("subjectId", subject, "purpose", purpose);
    }
}
