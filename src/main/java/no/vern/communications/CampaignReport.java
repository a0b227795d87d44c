package no.vern.communications;

import java.util.Map;
import java.util.UUID;

/**
 * What became of a campaign: counts only (S7 report).
 *
 * @param campaignId the campaign
 * @param sent messages handed to the mail server
 * @param pending deliveries still waiting (queued or being retried)
 * @param failed deliveries that failed permanently or ran out of retries
 * @param uncertain deliveries interrupted by a crash between sending and recording; never sent again
 * @param suppressed deliveries left out at send time, by reason
 */
public record CampaignReport(UUID campaignId, long sent, long pending, long failed, long uncertain,
        Map<Exclusion, Long> suppressed) {

    public CampaignReport {
        suppressed = Map.copyOf(suppressed);
    }

    /** Everything left out, whatever the reason. */
    public long suppressedTotal() {
        return suppressed.values().stream().mapToLong(Long::longValue).sum();
    }
}
