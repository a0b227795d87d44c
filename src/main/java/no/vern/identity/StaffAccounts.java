package no.vern.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Manages staff accounts: the privacy officer creates them, changes roles, disables leavers and
 * resets passwords. Every change is audited.
 */
public interface StaffAccounts {

    /** All accounts, by username. */
    List<StaffAccount> list();

    /**
     * The identity providers staff sign in with (OpenID Connect), by id, with the name people know them by; empty
     * when single sign-on is off.
     */
    java.util.Map<String, String> signInProviders();

    /** One account by id. */
    Optional<StaffAccount> find(UUID id);

    /** Creates an account; the password must pass the policy of {@link PasswordRefusal}. */
    StaffAccount create(String username, String password, Set<Role> roles);

    /** Replaces the roles of an account. */
    StaffAccount changeRoles(UUID id, Set<Role> roles);

    /** Enables or disables an account; disabling ends its sessions on every node at once. */
    StaffAccount setEnabled(UUID id, boolean enabled);

    /**
     * Sets a new password (the policy of {@link PasswordRefusal} applies), lifts any login delay and ends the
     * account's sessions.
     */
    void resetPassword(UUID id, String password);

    /** Lifts the login delay after failed attempts (on this node) before it ends by itself. */
    StaffAccount unlock(UUID id);

    /**
     * Switches off the account's second factor without its code, for a person who lost the device (the privacy
     * officer's reset; audited). The person can enrol again after the next login.
     */
    StaffAccount resetTwoFactor(UUID id);
}
