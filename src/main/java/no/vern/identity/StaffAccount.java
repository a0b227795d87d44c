package no.vern.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A staff member's account as the console shows it; never carries the password hash or the second-factor secret.
 *
 * @param id opaque account id
 * @param username login name (letters, digits, dot, dash; no email addresses)
 * @param roles what the person may do
 * @param enabled whether the account may log in
 * @param loginDelayedUntil until when the next login attempt for this account is held back on this node after
 *        repeated failures (a progressive delay, never a lock), if it is
 * @param twoFactor whether a confirmed second factor (TOTP) is asked after the password
 * @param lastLoginAt last successful login
 * @param createdAt when the account was created
 * @param signInProvider the configured identity provider (OpenID Connect) the person signs in with, or null for a
 *        local account with a password
 * @param lastLoginProvider how the last successful login was made: a provider id, or null for a password (or none)
 */
public record StaffAccount(UUID id, String username, Set<Role> roles, boolean enabled,
        @Nullable Instant loginDelayedUntil, boolean twoFactor, @Nullable Instant lastLoginAt, Instant createdAt,
        @Nullable String signInProvider, @Nullable String lastLoginProvider) {

    public StaffAccount {
        roles = Set.copyOf(roles);
    }

    /** Whether the person signs in through an identity provider (no password in Vern). */
    public boolean singleSignOn() {
        return signInProvider != null;
    }

    /** Whether a login delay is in force at the given instant. */
    public boolean delayedAt(Instant now) {
        return loginDelayedUntil != null && loginDelayedUntil.isAfter(now);
    }

    /** The same account with the login delay seen on this node. */
    public StaffAccount withLoginDelayedUntil(@Nullable Instant until) {
        return new StaffAccount(id, username, roles, enabled, until, twoFactor, lastLoginAt, createdAt, signInProvider,
                lastLoginProvider);
    }
}
