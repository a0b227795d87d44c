package no.vern.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An API client's token as administrators see it: name, scopes and lifecycle, plus the first
 * characters for recognition. The secret itself is shown once at issue and stored only hashed.
 */
public record ApiToken(UUID id, String name, String prefix, Set<ApiScope> scopes, String createdBy, Instant createdAt,
        @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {

    public ApiToken {
        scopes = Set.copyOf(scopes);
    }

    /** Whether the token authenticates at the given instant. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
