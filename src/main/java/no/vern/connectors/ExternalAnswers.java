package no.vern.connectors;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.requests.Operation;

/**
 * The answers that come back from outside the console: signed webhook callbacks and the manual task page
 * behind an emailed link.
 */
public interface ExternalAnswers {

    /**
     * What the task page shows (personal data: the identifiers to look for; masked {@code toString()}).
     *
     * @param stepId the step the task belongs to
     * @param system the name of the system
     * @param operation what the case asks
     * @param emails the email addresses to look for
     * @param phones the phone numbers to look for
     * @param instructions the system's instructions for the person, if any
     */
    record TaskView(UUID stepId, String system, Operation operation, List<String> emails, List<String> phones,
            @Nullable String instructions) {
        @Override
        public String toString() {
            return "TaskView[" + stepId + "]";
        }
    }

    /** How a callback ended. */
    enum CallbackResult { ACCEPTED, REFUSED, UNKNOWN, SETTLED }

    /** The open task behind a link; {@link no.vern.shared.NotFound} for a wrong, used or expired link. */
    TaskView openTask(UUID stepId, String token);

    /** Completes a task with an uploaded export (text) or a confirmation. */
    void completeTask(UUID stepId, String token, @Nullable String exportText, boolean confirmed);

    /** A signed webhook callback. */
    CallbackResult callback(UUID stepId, @Nullable String timestamp, @Nullable String signature, byte[] body);
}
