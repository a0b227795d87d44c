package no.vern.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One audit entry as it reads back, with its place in the chain once it is sealed.
 *
 * @param id the entry id (assigned at append, not the chain position)
 * @param occurredAt when the action happened
 * @param actor actor reference, e.g. {@code staff:kari} or {@code api_client:…}
 * @param action dotted verb
 * @param outcome how it ended
 * @param purpose purpose key, if any
 * @param targets opaque target references
 * @param requestId correlation id of the HTTP request, if any
 * @param chainSeq the position in the hash chain, or null while unsealed
 */
public record AuditRecord(long id, Instant occurredAt, String actor, String action, Outcome outcome,
        @Nullable String purpose, List<String> targets, @Nullable String requestId, @Nullable Long chainSeq) {

    public AuditRecord {
        targets = List.copyOf(targets);
    }

    /** Whether the entry is part of the hash chain yet. */
    public boolean sealed() {
        return chainSeq != null;
    }
}
