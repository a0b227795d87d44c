package no.vern.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API token may do. A token holds a set of scopes; endpoints require one with
 * {@code hasAuthority('SCOPE_<value>')}. Modules add the scopes they need here.
 */
public enum ApiScope {
    AUDIT_READ("audit:read"),
    USERS_ADMIN("users:admin"),
    METRICS_READ("metrics:read"),
    PROCESSING_READ("processing:read"),
    PROCESSING_WRITE("processing:write"),
    SUBJECTS_READ("subjects:read"),
    SUBJECTS_WRITE("subjects:write"),
    SUBJECTS_ERASE("subjects:erase"),
    /**
     * The privacy officer's decision to lift a restriction of processing (GDPR Art. 18(3)): only a token the
     * officer issues for that carries it; the person is told before the restriction goes.
     */
    RESTRICTIONS_LIFT("restrictions:lift"),
    CONSENT_READ("consent:read"),
    CONSENT_WRITE("consent:write"),
    BREACHES_READ("breaches:read"),
    BREACHES_WRITE("breaches:write"),
    CONNECTORS_READ("connectors:read"),
    CONNECTORS_WRITE("connectors:write"),
    /** The privacy officer's approval of a connector (issue 24): only an approved connector joins requests. */
    CONNECTORS_APPROVE("connectors:approve"),
    RETENTION_READ("retention:read"),
    RETENTION_WRITE("retention:write"),
    ELIGIBILITY_CHECK("eligibility:check"),
    COMMUNICATIONS_WRITE("communications:write"),
    REQUESTS_READ("requests:read"),
    REQUESTS_WRITE("requests:write"),
    /**
     * The identity provider's SCIM 2.0 provisioning of staff accounts and groups ({@code /scim/v2/…}): a token of
     * its own, for the provider only (issue 25).
     */
    SCIM_PROVISION("scim:provision"),
    /** The vendor register: processors, agreements and transfers (issue 26). */
    VENDORS_READ("vendors:read"),
    VENDORS_WRITE("vendors:write"),
    /** DPIA screenings and assessments (issue 26). */
    ASSESSMENTS_READ("assessments:read"),
    ASSESSMENTS_WRITE("assessments:write"),
    /** Read a person's Art. 14 notices and their state (issue 26). */
    INFORMING_READ("informing:read"),
    /** Record an Art. 14(5) exemption for a person's notices. */
    INFORMING_WRITE("informing:write"),
    /** Reading the change-event feed (issue 25): ids, purpose keys and times of changes, never personal data. */
    CHANGES_READ("changes:read"),
    /** Reading webhook subscriptions and their delivery log (issue 25). */
    WEBHOOKS_READ("webhooks:read"),
    /** Managing webhook subscriptions: create, rotate secrets, pause, test-send, replay dead letters (issue 25). */
    WEBHOOKS_WRITE("webhooks:write");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** The scope as written in tokens and API docs, e.g. {@code audit:read}. */
    public String value() {
        return value;
    }

    /** The Spring Security authority of this scope. */
    public String authority() {
        return "SCOPE_" + value;
    }

    /** Parses {@code audit:read} back to its scope. */
    public static Optional<ApiScope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
