package no.vern.vendors.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;
import no.vern.vendors.Agreement;
import no.vern.vendors.DpaClause;

/** Data processing agreements in PostgreSQL. */
@Repository
class Agreements {

    private final JdbcClient jdbc;
    private final RecipientsCache recipients;

    Agreements(JdbcClient jdbc, RecipientsCache recipients) {
        this.recipients = recipients;
        this.jdbc = jdbc;
    }

    /** A vendor's agreements, newest signed first (the first is in force). */
    List<Agreement> of(UUID vendorId) {
        return jdbc.sql("""
                SELECT id, vendor_id, version, signed_on, expires_on, clauses FROM vendors_agreement
                 WHERE vendor_id = :v ORDER BY signed_on DESC, created_at DESC
                """).param("v", vendorId).query(Agreements::map).list();
    }

    /** The agreement in force of every vendor that has one. */
    List<Agreement> inForce() {
        return jdbc.sql("""
                SELECT DISTINCT ON (vendor_id) id, vendor_id, version, signed_on, expires_on, clauses
                  FROM vendors_agreement ORDER BY vendor_id, signed_on DESC, created_at DESC
                """).query(Agreements::map).list();
    }

    boolean versionTaken(UUID vendorId, String version) {
        return jdbc.sql("SELECT count(*) FROM vendors_agreement WHERE vendor_id = :v AND version = :version")
                .param("v", vendorId).param("version", version).query((rs, n) -> rs.getLong(1)).single() > 0;
    }

    void insert(Agreement a, String by, Instant at) {
        recipients.changed(); // the recipients the register says (issue 28 item 5)
        jdbc.sql("""
                INSERT INTO vendors_agreement (id, vendor_id, version, signed_on, expires_on, clauses, created_by, created_at)
                VALUES (:id, :v, :version, :signed, :expires, string_to_array(:clauses, ','), :by, :at)
                """).param("id", a.id()).param("v", a.vendorId()).param("version", a.version())
                .param("signed", a.signedOn()).param("expires", a.expiresOn(), java.sql.Types.DATE)
                .param("clauses", String.join(",", a.clauses().stream().map(Enum::name).sorted().toList()))
                .param("by", by).param("at", JdbcTime.param(at)).update();
    }

    boolean delete(UUID vendorId, UUID id) {
        recipients.changed(); // the recipients the register says (issue 28 item 5)
        return jdbc.sql("DELETE FROM vendors_agreement WHERE id = :id AND vendor_id = :v").param("id", id)
                .param("v", vendorId).update() == 1;
    }

    private static Agreement map(ResultSet rs, int n) throws SQLException {
        Set<DpaClause> clauses = EnumSet.noneOf(DpaClause.class);
        Vendors.strings(rs.getArray("clauses")).forEach(c -> clauses.add(DpaClause.valueOf(c)));
        return new Agreement(rs.getObject("id", UUID.class), rs.getObject("vendor_id", UUID.class), rs.getString("version"),
                rs.getObject("signed_on", LocalDate.class), rs.getObject("expires_on", LocalDate.class), clauses);
    }
}
