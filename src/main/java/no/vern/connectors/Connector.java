package no.vern.connectors;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One registered external system that holds personal data (S24): who owns it, which processing activities
 * it serves (GDPR Art. 30 record; Art. 19 recipients) and how Vern reaches it. The configuration holds
 * secret references only, never secrets.
 *
 * @param id the connector id
 * @param name display name, e.g. {@code CRM}
 * @param owner the person or team responsible for the system
 * @param ownerEmail where manual tasks are sent (manual connectors), or null
 * @param type how Vern reaches it
 * @param activityIds ids of the processing activities the system serves
 * @param config the type's configuration (JSON or YAML text, secret references only)
 * @param createdAt when it was registered
 * @param lastSuccessAt last successful step or connection test, or null
 * @param lastFailureAt last failed step or connection test, or null
 * @param lastDetail the last outcome without personal data, or null
 * @param approvedAt when the privacy officer approved it (only then it joins requests), or null while it waits
 * @param approvedBy who approved it (an actor reference), or null
 * @param lastDetailCode the message code that says the last outcome in the reader's language, or null
 * @param lastDetailArgs its arguments
 */
public record Connector(UUID id, String name, String owner, @Nullable String ownerEmail, ConnectorType type,
        List<String> activityIds, String config, Instant createdAt, @Nullable Instant lastSuccessAt,
        @Nullable Instant lastFailureAt, @Nullable String lastDetail, @Nullable Instant approvedAt, @Nullable String approvedBy,
        @Nullable String lastDetailCode, List<String> lastDetailArgs) {

    public Connector {
        activityIds = List.copyOf(activityIds);
        lastDetailArgs = List.copyOf(lastDetailArgs);
    }

    /** Whether the connector is active: approved by the privacy officer, so that requests reach it. */
    public boolean active() {
        return approvedAt != null;
    }
}
