package no.vern.connectors;

import java.util.Map;
import java.util.UUID;

/**
 * What an access would find in one system for an identifier, as counts only (no values), so that roles
 * which may not see the data can still check a connector.
 *
 * @param connectorId the connector
 * @param rows how many records matched
 * @param countsByCategory data category key -> number of non-empty values
 */
public record DryRun(UUID connectorId, int rows, Map<String, Integer> countsByCategory) {

    public DryRun {
        countsByCategory = Map.copyOf(countsByCategory);
    }
}
