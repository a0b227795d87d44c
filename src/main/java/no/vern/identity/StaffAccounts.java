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

    /** One account by id. */
    Optional<StaffAccount> find(UUID id);

    /** Creates an account; the password must be at least 12 characters. */
    StaffAccount create(String username, String password, Set<Role> roles);

    /** Replaces the roles of an account. */
    StaffAccount changeRoles(UUID id, Set<Role> roles);

    /** Enables or disables an account; disabling ends its sessions on every node at once. */
    StaffAccount setEnabled(UUID id, boolean enabled);

    /** Sets a new password, lifts any lockout and ends the account's sessions. */
    void resetPassword(UUID id, String password);

    /** Lifts a lockout before it expires. */
    StaffAccount unlock(UUID id);
}
