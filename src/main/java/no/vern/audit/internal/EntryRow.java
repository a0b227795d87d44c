package no.vern.audit.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.shared.JdbcTime;

/**
 * An audit entry exactly as stored (outcome as raw text, so that a tampered value is hashed as
 * found instead of failing to parse), the input of sealing and verification.
 */
record EntryRow(long id, Instant occurredAt, String actor, String action, String outcome, @Nullable String purpose,
        List<String> targets, @Nullable String requestId) {

    /** The columns that {@link #read} expects, for {@code audit_entry e}. */
    static final String COLUMNS = "e.id, e.occurred_at, e.actor, e.action, e.outcome, e.purpose, e.targets, e.request_id";

    EntryRow {
        targets = List.copyOf(targets);
    }

    static EntryRow read(ResultSet rs) throws SQLException {
        return new EntryRow(rs.getLong("id"), JdbcTime.required(rs, "occurred_at"), rs.getString("actor"),
                rs.getString("action"), rs.getString("outcome"), rs.getString("purpose"), targets(rs),
                rs.getString("request_id"));
    }

    static List<String> targets(ResultSet rs) throws SQLException {
        Array array = rs.getArray("targets");
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
