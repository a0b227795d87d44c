package no.vern.website.internal;

import java.io.IOException;
import java.io.Writer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.CsvWriter;
import no.vern.shared.JdbcTime;
import no.vern.shared.VernClock;

/** The append-only log of banner choices: record, look up by consent id, count and export. */
@Repository
class ConsentProofs {

    /** Choices per decision on one day. */
    public record DayCounts(LocalDate day, long acceptAll, long rejectAll, long custom) {

        /** All choices of the day. */
        public long total() {
            return acceptAll + rejectAll + custom;
        }
    }

    /** Choices in a period with their shares in percent. */
    public record Rates(long acceptAll, long rejectAll, long custom, long gpc) {

        public long total() {
            return acceptAll + rejectAll + custom;
        }

        public long percent(long part) {
            return total() == 0 ? 0 : Math.round(100.0 * part / total());
        }

        public long acceptPercent() {
            return percent(acceptAll);
        }

        public long rejectPercent() {
            return percent(rejectAll);
        }

        public long customPercent() {
            return percent(custom);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ConsentProofs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a proof; the User-Agent header is cut to browser family and major version here, before storage. */
    ConsentProof record(UUID siteId, UUID consentId, ConsentProof.Decision decision, List<String> purposes, boolean gpc,
            ConsentProof.Reason reason, int noticeVersion, String noticeSha256, String language,
            @Nullable String userAgent, Instant at) {
        String agent = UserAgents.familyAndMajor(userAgent);
        ConsentProof proof = new ConsentProof(UUID.randomUUID(), siteId, consentId, decision, List.copyOf(purposes), gpc,
                noticeVersion, noticeSha256, language, agent, at, reason);
        jdbc.sql("""
                INSERT INTO website_consent (id, site_id, consent_id, decision, purposes, gpc, notice_version,
                    notice_sha256, language, user_agent, at, reason)
                VALUES (:id, :site, :consent, :decision, :purposes::text[], :gpc, :version, :sha, :lang, :ua, :at,
                    :reason)""")
                .param("id", proof.id()).param("site", siteId).param("consent", consentId)
                .param("decision", decision.name()).param("purposes", "{" + String.join(",", purposes) + "}")
                .param("gpc", gpc).param("version", noticeVersion).param("sha", noticeSha256).param("lang", language)
                .param("ua", agent).param("at", JdbcTime.param(at)).param("reason", reason.name()).update();
        return proof;
    }

    ConsentProof record(UUID siteId, UUID consentId, ConsentProof.Decision decision, List<String> purposes, boolean gpc,
            ConsentProof.Reason reason, int noticeVersion, String noticeSha256, String language,
            @Nullable String userAgent) {
        return record(siteId, consentId, decision, purposes, gpc, reason, noticeVersion, noticeSha256, language,
                userAgent, clock.instant());
    }

    /** Every choice made under one consent id, oldest first. */
    List<ConsentProof> history(UUID consentId) {
        return jdbc.sql("SELECT * FROM website_consent WHERE consent_id = :id ORDER BY at, id").param("id", consentId)
                .query(ConsentProofs::map).list();
    }

    /** Rates of the choices made from {@code from} (inclusive, Oslo days). */
    public Rates rates(LocalDate from) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE decision = 'ACCEPT_ALL') AS a, count(*) FILTER (WHERE decision = 'REJECT_ALL') AS r,
                       count(*) FILTER (WHERE decision = 'CUSTOM') AS c, count(*) FILTER (WHERE gpc) AS g
                FROM website_consent WHERE at >= :from""")
                .param("from", JdbcTime.param(from.atStartOfDay(VernClock.ZONE).toInstant()))
                .query((rs, n) -> new Rates(rs.getLong("a"), rs.getLong("r"), rs.getLong("c"), rs.getLong("g"))).single();
    }

    /** Choices per day from {@code from}, oldest first. */
    public List<DayCounts> perDay(LocalDate from) {
        return jdbc.sql("""
                SELECT (at AT TIME ZONE 'Europe/Oslo')::date AS day,
                       count(*) FILTER (WHERE decision = 'ACCEPT_ALL') AS a, count(*) FILTER (WHERE decision = 'REJECT_ALL') AS r,
                       count(*) FILTER (WHERE decision = 'CUSTOM') AS c
                FROM website_consent WHERE at >= :from GROUP BY 1 ORDER BY 1""")
                .param("from", JdbcTime.param(from.atStartOfDay(VernClock.ZONE).toInstant()))
                .query((rs, n) -> new DayCounts(rs.getObject("day", LocalDate.class), rs.getLong("a"), rs.getLong("r"),
                        rs.getLong("c")))
                .list();
    }

    /** Whether any choice was ever logged (demo data is only generated into an empty log). */
    boolean isEmpty() {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM website_consent)").query(Boolean.class).single();
    }

    /** Writes the whole log as CSV (RFC 4180), oldest first, streaming from the database. */
    public void exportCsv(Writer out, Map<UUID, String> siteOrigins) throws IOException {
        CsvWriter csv = CsvWriter.to(out).row("consent_id", "site", "decision", "purposes", "gpc", "notice_version",
                "notice_sha256", "language", "browser", "at", "reason");
        try (Stream<ConsentProof> rows = jdbc.sql("SELECT * FROM website_consent ORDER BY at, id")
                .query(ConsentProofs::map).stream()) {
            for (ConsentProof p : (Iterable<ConsentProof>) rows::iterator) {
                csv.row(p.consentId(), siteOrigins.getOrDefault(p.siteId(), ""), p.decision(),
                        String.join(" ", p.purposes()), p.gpc(), p.noticeVersion(), p.noticeSha256(), p.language(),
                        p.userAgent(), p.at(), p.reason());
            }
        }
    }

    private static ConsentProof map(ResultSet rs, int n) throws SQLException {
        Array purposes = rs.getArray("purposes");
        return new ConsentProof(rs.getObject("id", UUID.class), rs.getObject("site_id", UUID.class),
                rs.getObject("consent_id", UUID.class), ConsentProof.Decision.valueOf(rs.getString("decision")),
                List.of((String[]) purposes.getArray()), rs.getBoolean("gpc"), rs.getInt("notice_version"),
                rs.getString("notice_sha256"), rs.getString("language"), rs.getString("user_agent"),
                JdbcTime.required(rs, "at"), ConsentProof.Reason.valueOf(rs.getString("reason")));
    }
}
