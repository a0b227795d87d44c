package no.vern.connectors.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.requests.Operation;

/**
 * The answers that come back from outside the console, for the module's web package: signed webhook
 * callbacks and the manual task page behind an emailed link. Public only within the module's packages.
 */
@Component
public class ExternalAnswers {

    /** What the task page shows (personal data: the identifiers to look for; masked {@code toString()}). */
    public record TaskView(UUID stepId, String system, Operation operation, List<String> emails, List<String> phones,
            @Nullable String instructions) {
        @Override
        public String toString() {
            return "TaskView[" + stepId + "]";
        }
    }

    /** How a callback ended. */
    public enum CallbackResult { ACCEPTED, REFUSED, UNKNOWN, SETTLED }

    private final ManualTasks tasks;
    private final WebhookCallbacks callbacks;
    private final SystemCalls calls;

    ExternalAnswers(ManualTasks tasks, WebhookCallbacks callbacks, SystemCalls calls) {
        this.tasks = tasks;
        this.callbacks = callbacks;
        this.calls = calls;
    }

    /** The open task behind a link; {@link no.vern.shared.NotFound} for a wrong, used or expired link. */
    public TaskView openTask(UUID stepId, String token) {
        ManualTasks.Task task = tasks.open(stepId, token);
        String instructions = calls.config(task.connector()) instanceof ConnectorConfig.Manual manual ? manual.instructions() : null;
        return new TaskView(stepId, task.connector().name(), task.step().operation(), task.who().emails().stream().sorted().toList(),
                task.who().phones().stream().sorted().toList(), instructions);
    }

    /** Completes a task with an uploaded export (text) or a confirmation. */
    public void completeTask(UUID stepId, String token, @Nullable String exportText, boolean confirmed) {
        tasks.complete(stepId, token, exportText, confirmed);
    }

    /** A signed webhook callback. */
    public CallbackResult callback(UUID stepId, @Nullable String timestamp, @Nullable String signature, byte[] body) {
        return CallbackResult.valueOf(callbacks.callback(stepId, timestamp, signature, body).name());
    }
}
