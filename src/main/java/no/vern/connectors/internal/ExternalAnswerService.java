package no.vern.connectors.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.connectors.ExternalAnswers;

/** Answers from outside the console (webhook callbacks, manual tasks), handled by the durable steps. */
@Component
class ExternalAnswerService implements ExternalAnswers {

    private final ManualTasks tasks;
    private final WebhookCallbacks callbacks;
    private final SystemCalls calls;

    ExternalAnswerService(ManualTasks tasks, WebhookCallbacks callbacks, SystemCalls calls) {
        this.tasks = tasks;
        this.callbacks = callbacks;
        this.calls = calls;
    }

    @Override
    public TaskView openTask(UUID stepId, String token) {
        ManualTasks.Task task = tasks.open(stepId, token);
        String instructions = calls.config(task.connector()) instanceof ConnectorConfig.Manual manual ? manual.instructions() : null;
        return new TaskView(stepId, task.connector().name(), task.step().operation(), task.who().emails().stream().sorted().toList(),
                task.who().phones().stream().sorted().toList(), instructions);
    }

    @Override
    public void completeTask(UUID stepId, String token, @Nullable String exportText, boolean confirmed) {
        tasks.complete(stepId, token, exportText, confirmed);
    }

    @Override
    public CallbackResult callback(UUID stepId, @Nullable String timestamp, @Nullable String signature, byte[] body) {
        return CallbackResult.valueOf(callbacks.callback(stepId, timestamp, signature, body).name());
    }
}
