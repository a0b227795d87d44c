package no.vern.audit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditFilter;
import no.vern.audit.AuditLog;
import no.vern.audit.AuditPage;
import no.vern.audit.AuditRecord;
import no.vern.audit.AuditTrail;
import no.vern.audit.Outcome;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;

/** Searches the audit log, newest first, and records every search as {@code audit.entries.read}. */
@Service
class AuditTrailService implements AuditTrail {

    /** Deep offsets get slow; nobody pages this far by hand (narrow the filter instead). */
    static final int MAX_PAGE = 10_000;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    AuditTrailService(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    @Transactional
    public AuditPage search(AuditFilter filter, int page, int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw new InvalidInput("page", "must be between 0 and " + MAX_PAGE, "error.field.range", "0",
                    String.valueOf(MAX_PAGE));
        }
        int limit = Math.max(1, Math.min(size, AuditPage.MAX_SIZE));
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.actor() != null) {
            where.add("e.actor = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            // The action pattern admits no LIKE wildcards, so a prefix match needs no escaping.
            where.add("(e.action = :action OR e.action LIKE :actionPrefix)");
            params.put("action", filter.action());
            params.put("actionPrefix", filter.action().endsWith(".") ? filter.action() + "%" : filter.action() + ".%");
        }
        if (filter.target() != null) {
            where.add("e.targets @> ARRAY[CAST(:target AS text)]");
            params.put("target", filter.target());
        }
        if (filter.outcome() != null) {
            where.add("e.outcome = :outcome");
            params.put("outcome", filter.outcome().name());
        }
        if (filter.from() != null) {
            where.add("e.occurred_at >= CAST(:from AS timestamptz)");
            params.put("from", JdbcTime.param(filter.from()));
        }
        if (filter.to() != null) {
            where.add("e.occurred_at < CAST(:to AS timestamptz)");
            params.put("to", JdbcTime.param(filter.to()));
        }
        String sql = """
                SELECT %s, s.chain_seq
                FROM audit_entry e LEFT JOIN audit_seal s ON s.entry_id = e.id
                %s
                ORDER BY e.occurred_at DESC, e.id DESC
                LIMIT :limit OFFSET :offset
                """.formatted(EntryRow.COLUMNS, where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where));
        params.put("limit", limit + 1);
        params.put("offset", (long) page * limit);
        List<AuditRecord> found = jdbc.sql(sql).params(params).query((rs, i) -> {
            long seq = rs.getLong("chain_seq");
            Long chainSeq = rs.wasNull() ? null : seq;
            return new AuditRecord(rs.getLong("id"), JdbcTime.required(rs, "occurred_at"), rs.getString("actor"),
                    rs.getString("action"), outcome(rs.getString("outcome")), rs.getString("purpose"),
                    EntryRow.targets(rs), rs.getString("request_id"), chainSeq);
        }).list();
        boolean hasNext = found.size() > limit;
        AuditEvent read = AuditEvent.of("audit.entries.read", Outcome.SUCCESS);
        audit.record(filter.target() == null ? read : read.withTargets(filter.target()));
        return new AuditPage(hasNext ? found.subList(0, limit) : found, page, limit, hasNext);
    }

    private static Outcome outcome(String stored) {
        try {
            return Outcome.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return Outcome.FAILURE; // only a tampered row can hold anything else; verification reports it
        }
    }
}
