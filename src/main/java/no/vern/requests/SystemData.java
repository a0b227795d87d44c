package no.vern.requests;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * What one system holds about the person, for the access export (personal data: {@code toString()}
 * names only the system and categories).
 *
 * @param connectorId the connector (system) id
 * @param system the system's display name
 * @param owner who is responsible for the system
 * @param activityIds the processing activities the system serves (record of processing)
 * @param valuesByCategory data category key -> the values found (as text)
 */
@NamedInterface("spi")
public record SystemData(UUID connectorId, String system, String owner, List<String> activityIds,
        Map<String, List<String>> valuesByCategory) {

    public SystemData {
        activityIds = List.copyOf(activityIds);
        valuesByCategory = Map.copyOf(valuesByCategory);
    }

    @Override
    public String toString() {
        return "SystemData[" + system + ", " + valuesByCategory.keySet() + "]";
    }
}
