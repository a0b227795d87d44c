package no.vern.communications.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.shared.JdbcTime;

/**
 * The suppression list ({@code communications_suppression}): keyed hashes (the register's email blind
 * index, HMAC-SHA256 truncated to 16 bytes) of addresses never to mail again, for all lists ({@code *})
 * or one list. Holds no plaintext and no subject ids, so it survives erasure: an erased person's
 * address that comes back in an old spreadsheet is still suppressed (S26, S7).
 */
@Component
class Suppressions {

    static final String ALL = "*";

    /** Why an address is suppressed; the order is the precedence when several apply. */
    enum Reason {
        OBJECTED, ERASED, BOUNCED
    }

    private final JdbcClient jdbc;

    Suppressions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Collection<byte[]> hashes, String scope, Reason reason, Instant at) {
        add(List.copyOf(hashes), java.util.Collections.nCopies(hashes.size(), at), scope, reason);
    }

    /** Adds each hash with its own time, in one statement (a hash already suppressed in the scope keeps its row). */
    void add(List<byte[]> hashes, List<Instant> ats, String scope, Reason reason) {
        if (hashes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO communications_suppression (hash, scope, reason, at)
                SELECT t.h, :scope, :reason, CAST(t.at AS timestamptz)
                  FROM unnest(CAST(:h AS bytea[]), CAST(:ats AS text[])) AS t(h, at)
                ON CONFLICT DO NOTHING""").param("h", hashes.toArray(byte[][]::new))
                .param("ats", ats.stream().map(Instant::toString).toArray(String[]::new)).param("scope", scope)
                .param("reason", reason.name()).update();
    }

    /**
     * The strongest reason each of these hashes is suppressed for, within the scopes ({@code *} and list
     * ids); one query with {@code = ANY}. Keys are the hashes wrapped in {@link ByteBuffer}.
     */
    Map<ByteBuffer, Reason> reasons(Collection<byte[]> hashes, List<String> scopes) {
        Map<ByteBuffer, Reason> result = new HashMap<>();
        if (hashes.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                SELECT hash, reason FROM communications_suppression WHERE hash = ANY(:h) AND scope = ANY(:scopes)""")
                .param("h", hashes.toArray(byte[][]::new)).param("scopes", scopes.toArray(String[]::new))
                .query(rs -> {
                    Reason r = Reason.valueOf(rs.getString("reason"));
                    result.merge(ByteBuffer.wrap(rs.getBytes("hash")), r, (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
                });
        return result;
    }

    /** Whether any of these hashes is suppressed everywhere for this reason (whatever other reasons it has too). */
    boolean anyFor(Collection<byte[]> hashes, Reason reason) {
        if (hashes.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM communications_suppression WHERE hash = ANY(:h) AND scope = :all AND reason = :r)""")
                .param("h", hashes.toArray(byte[][]::new)).param("all", ALL).param("r", reason.name())
                .query(Boolean.class).single();
    }

    /** The scopes that apply to a list: everything, and the list itself. */
    static List<String> scopesOf(UUID listId) {
        return List.of(ALL, listId.toString());
    }

    long count() {
        return jdbc.sql("SELECT count(DISTINCT hash) FROM communications_suppression").query(Long.class).single();
    }
}
