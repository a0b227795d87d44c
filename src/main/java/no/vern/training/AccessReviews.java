package no.vern.training;

import java.util.Set;
import java.util.UUID;

import no.vern.identity.Role;

/**
 * Quarterly access reviews and leavers (S20): the privacy officer confirms or removes each staff
 * member's roles and each API token; a leaver is disabled in one action, with sessions and tokens
 * ended at once. Every decision is audited.
 */
public interface AccessReviews {

    /** The review of the current quarter (started on first use). */
    AccessReview current();

    /** Confirms an account's current roles. */
    void confirmAccount(UUID staffId);

    /** Keeps only the given roles (at least one; use {@link #offboard} to remove all access). */
    void changeRoles(UUID staffId, Set<Role> keep);

    /** Confirms a token. */
    void confirmToken(UUID tokenId);

    /** Revokes a token at once. */
    void revokeToken(UUID tokenId);

    /** A leaver: disables the account, ends its sessions and revokes every token it issued, in one action. */
    Offboarding offboard(UUID staffId);

    /** Items of the current review without a decision. */
    default long unreviewed() {
        return current().unreviewed();
    }
}
