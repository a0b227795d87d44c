package no.vern.connectors;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The outcome of a connection test: reachable and configured correctly (e.g. every table and column of a
 * JDBC dataset exists), with a detail that names no personal data.
 *
 * @param connectorId the connector
 * @param ok whether the system answered and matches its description
 * @param detail what was checked or what failed
 * @param checkedAt when
 * @param detailCode the message code that says the detail in the reader's language (not in the API)
 * @param detailArgs its arguments
 */
public record ConnectionCheck(UUID connectorId, boolean ok, String detail, Instant checkedAt,
        @JsonIgnore String detailCode, @JsonIgnore List<String> detailArgs) {

    public ConnectionCheck {
        detailArgs = List.copyOf(detailArgs);
    }
}
