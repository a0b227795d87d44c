package no.vern.connectors;

import java.time.Instant;
import java.util.UUID;

/**
 * The outcome of a connection test: reachable and configured correctly (e.g. every table and column of a
 * JDBC dataset exists), with a detail that names no personal data.
 *
 * @param connectorId the connector
 * @param ok whether the system answered and matches its description
 * @param detail what was checked or what failed
 * @param checkedAt when
 */
public record ConnectionCheck(UUID connectorId, boolean ok, String detail, Instant checkedAt) {
}
