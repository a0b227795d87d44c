package no.vern.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A staff member's account as the console shows it; never carries the password hash.
 *
 * @param id opaque account id
 * @param username login name (letters, digits, dot, dash; no email addresses)
 * @param roles what the person may do
 * @param enabled whether the account may log in
 * @param lockedUntil end of a lockout after repeated failures, if any
 * @param lastLoginAt last successful login
 * @param createdAt when the account was created
 */
public record StaffAccount(UUID id, String username, Set<Role> roles, boolean enabled, @Nullable Instant lockedUntil,
        @Nullable Instant lastLoginAt, Instant createdAt) {

    public StaffAccount {
        roles = Set.copyOf(roles);
    }

    /** Whether a lockout is in force at the given instant. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
