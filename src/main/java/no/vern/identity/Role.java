package no.vern.identity;

/**
 * Staff roles. Each role sees only what its work needs (S8, S20); the privacy officer manages
 * users and may do everything.
 */
public enum Role {
    /** Personvernombud: everything, manages users and tokens. */
    PRIVACY_OFFICER,
    /** Handles data-subject requests; reads and writes the register. */
    CASE_HANDLER,
    /** Customer and prospect contacts. */
    SALES,
    /** Candidates. */
    RECRUITER,
    /** Newsletters and events. */
    MARKETING,
    /** Read-only: audit log, record of processing, reports. */
    AUDITOR;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
