package no.vern.training;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.identity.Role;

/**
 * One piece of access to review: a staff account's roles or an API token's scopes.
 *
 * @param kind account or token
 * @param id account or token id
 * @param name username or token name (console only)
 * @param grants role or scope names
 * @param decision what was decided in the current review, or null if unreviewed
 * @param decidedAt when
 */
public record AccessItem(Kind kind, UUID id, String name, Set<String> grants, @Nullable Decision decision,
        @Nullable Instant decidedAt) {

    public AccessItem {
        grants = Set.copyOf(grants);
    }

    /** What kind of access. */
    public enum Kind {
        ACCOUNT, TOKEN
    }

    /** The outcome of reviewing an item. */
    public enum Decision {
        CONFIRMED, CHANGED, REVOKED, OFFBOARDED
    }

    /** Whether the item still needs a decision in the current review. */
    public boolean unreviewed() {
        return decision == null;
    }

    /** The grants of an account as roles. */
    public static Set<String> names(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(java.util.stream.Collectors.toSet());
    }
}
