package no.vern.communications;

import java.util.Map;
import java.util.UUID;

/**
 * How many subjects a list would reach now, and how many are left out by reason (counts only).
 *
 * @param listId the list
 * @param reachable subjects a campaign would be sent to
 * @param excluded subjects with an address for the purpose that are left out, by reason
 */
public record AudiencePreview(UUID listId, long reachable, Map<Exclusion, Long> excluded) {

    public AudiencePreview {
        excluded = Map.copyOf(excluded);
    }
}
