package no.vern.vendors.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;
import no.vern.vendors.Derogation;
import no.vern.vendors.SccModule;
import no.vern.vendors.TiaOutcome;
import no.vern.vendors.Transfer;
import no.vern.vendors.TransferMechanism;

/** Transfers outside the EU/EEA in PostgreSQL. */
@Repository
class Transfers {

    private static final String COLUMNS = """
            id, vendor_id, country, mechanism, scc_module, dpf_certified_until, dpf_checked_on, derogation, tia_outcome,
            tia_on, supplementary_measures, accepted_reason, accepted_by, accepted_at""";

    private final JdbcClient jdbc;
    private final RecipientsCache recipients;

    Transfers(JdbcClient jdbc, RecipientsCache recipients) {
        this.recipients = recipients;
        this.jdbc = jdbc;
    }

    List<Transfer> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM vendors_transfer ORDER BY vendor_id, country").query(Transfers::map)
                .list();
    }

    List<Transfer> of(UUID vendorId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM vendors_transfer WHERE vendor_id = :v ORDER BY country")
                .param("v", vendorId).query(Transfers::map).list();
    }

    Optional<Transfer> byId(UUID vendorId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM vendors_transfer WHERE id = :id AND vendor_id = :v")
                .param("id", id).param("v", vendorId).query(Transfers::map).optional();
    }

    boolean countryTaken(UUID vendorId, String country, @Nullable UUID except) {
        return jdbc.sql("""
                SELECT count(*) FROM vendors_transfer WHERE vendor_id = :v AND country = :c AND id IS DISTINCT FROM :id
                """).param("v", vendorId).param("c", country).param("id", except, Types.OTHER)
                .query((rs, n) -> rs.getLong(1)).single() > 0;
    }

    void upsert(Transfer t, Instant at) {
        recipients.changed(); // the recipients the register says (issue 28 item 5)
        jdbc.sql("""
                INSERT INTO vendors_transfer (id, vendor_id, country, mechanism, scc_module, dpf_certified_until,
                                              dpf_checked_on, derogation, tia_outcome, tia_on, supplementary_measures,
                                              accepted_reason, accepted_by, accepted_at, created_at, updated_at)
                VALUES (:id, :v, :country, :mechanism, :scc, :dpf, :checked, :derogation, :tia, :tiaOn, :measures,
                        :reason, :by, :acceptedAt, :at, :at)
                ON CONFLICT (id) DO UPDATE SET country = :country, mechanism = :mechanism, scc_module = :scc,
                    dpf_certified_until = :dpf, dpf_checked_on = :checked, derogation = :derogation, tia_outcome = :tia,
                    tia_on = :tiaOn, supplementary_measures = :measures, accepted_reason = :reason, accepted_by = :by,
                    accepted_at = :acceptedAt, updated_at = :at
                """).param("id", t.id()).param("v", t.vendorId()).param("country", t.country())
                .param("mechanism", t.mechanism().name()).param("scc", name(t.sccModule()), Types.VARCHAR)
                .param("dpf", t.dpfCertifiedUntil(), Types.DATE).param("checked", t.dpfCheckedOn(), Types.DATE)
                .param("derogation", name(t.derogation()), Types.VARCHAR).param("tia", t.tiaOutcome().name())
                .param("tiaOn", t.tiaOn(), Types.DATE).param("measures", t.supplementaryMeasures())
                .param("reason", t.acceptedReason(), Types.VARCHAR).param("by", t.acceptedBy(), Types.VARCHAR)
                .param("acceptedAt", JdbcTime.param(t.acceptedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("at", JdbcTime.param(at)).update();
    }

    boolean delete(UUID vendorId, UUID id) {
        recipients.changed(); // the recipients the register says (issue 28 item 5)
        return jdbc.sql("DELETE FROM vendors_transfer WHERE id = :id AND vendor_id = :v").param("id", id)
                .param("v", vendorId).update() == 1;
    }

    private static @Nullable String name(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Transfer map(ResultSet rs, int n) throws SQLException {
        String scc = rs.getString("scc_module");
        String derogation = rs.getString("derogation");
        return new Transfer(rs.getObject("id", UUID.class), rs.getObject("vendor_id", UUID.class), rs.getString("country"),
                TransferMechanism.valueOf(rs.getString("mechanism")), scc == null ? null : SccModule.valueOf(scc),
                rs.getObject("dpf_certified_until", LocalDate.class), rs.getObject("dpf_checked_on", LocalDate.class),
                derogation == null ? null : Derogation.valueOf(derogation), TiaOutcome.valueOf(rs.getString("tia_outcome")),
                rs.getObject("tia_on", LocalDate.class), rs.getString("supplementary_measures"),
                rs.getString("accepted_reason"), rs.getString("accepted_by"), JdbcTime.instant(rs, "accepted_at"));
    }
}
