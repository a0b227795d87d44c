package no.vern.connectors;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A system to register. {@code config} is the type's description in JSON or YAML: for JDBC the connection
 * and dataset (see {@code docs/connectors.md}), for webhooks the URL and secret reference, for manual tasks
 * nothing or instructions.
 *
 * @param name display name, unique
 * @param owner responsible person or team
 * @param ownerEmail where manual tasks go (required for manual connectors)
 * @param type how Vern reaches the system
 * @param activityIds processing activities the system serves (must exist in the record of processing)
 * @param config the type's configuration
 */
public record NewConnector(String name, String owner, @Nullable String ownerEmail, ConnectorType type,
        List<String> activityIds, String config) {

    public NewConnector {
        activityIds = activityIds == null ? List.of() : List.copyOf(activityIds);
    }
}
