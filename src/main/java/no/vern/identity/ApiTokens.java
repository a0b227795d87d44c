package no.vern.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Issues, lists and revokes API tokens for the company's other systems (CRM, mailing tool,
 * scripts). Tokens are random, stored as SHA-256 hashes, scoped, expirable and revocable.
 */
public interface ApiTokens {

    /** All tokens, newest first. */
    List<ApiToken> list();

    /** Issues a token; the secret is in the result and nowhere else. */
    IssuedToken issue(String name, Set<ApiScope> scopes, @Nullable Instant expiresAt);

    /** Revokes a token at once; requests with it fail from now on. */
    ApiToken revoke(UUID id);

    /**
     * Revokes at once every active token that the given actor issued (a leaver's tokens, e.g.
     * {@code staff:kari}); returns the revoked tokens.
     */
    List<ApiToken> revokeIssuedBy(String actorReference);
}
