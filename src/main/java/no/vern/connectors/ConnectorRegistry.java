package no.vern.connectors;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry of external systems that hold personal data (S24): registering, listing, testing and
 * dry-running them. The request workflow reaches them through {@link no.vern.requests.ConnectedSystems}.
 */
public interface ConnectorRegistry {

    /** Every connector, by name. */
    List<Connector> list();

    /** One connector. */
    Optional<Connector> find(UUID id);

    /**
     * Registers a system; {@link no.vern.shared.InvalidInput} if the activities are not in the record of
     * processing, the configuration is malformed, an identifier is not a plain SQL name, a webhook URL or JDBC
     * host is a refused address, a secret is given inline or names something other than a connector secret, or
     * a manual connector's responsible person is outside the allowed mail domains. A new connector is inactive
     * until {@link #approve approved}.
     */
    Connector register(NewConnector connector);

    /**
     * The privacy officer's approval: from now on the connector is active and joins requests (until then it
     * can be tested, but no request reaches it). Audited; {@link no.vern.shared.Conflict} if already approved.
     */
    Connector approve(UUID id);

    /** Connects and checks the configuration (JDBC: every table and column exists); records the outcome. */
    ConnectionCheck test(UUID id);

    /** Counts (never values) of what an access would find for this email in the system. */
    DryRun dryRun(UUID id, String email);

    /**
     * Destroys the per-case key under which a case's identifiers and collected data (without a register
     * subject) are encrypted, when the case no longer needs them; idempotent.
     */
    void discardCaseData(UUID caseId);
}
