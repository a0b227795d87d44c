package no.vern.requests;

import java.util.UUID;

/**
 * A request from a data subject was completed: its effect carried out and every recipient settled (GDPR
 * Arts. 12(3), 19); published in the transaction that completes it. Ids only.
 *
 * @param requestId the case
 * @param kind what the person asked for
 */
public record RequestCompleted(UUID requestId, RequestKind kind) {
}
