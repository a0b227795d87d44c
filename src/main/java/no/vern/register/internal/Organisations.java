package no.vern.register.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.register.Organisation;
import no.vern.shared.JdbcTime;

/** Companies (not personal data, plain text): found by organisation number, or created. */
@Repository
class Organisations {

    private final JdbcClient jdbc;

    Organisations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Organisation> byNumber(String orgNumber) {
        return jdbc.sql("SELECT * FROM register_organisation WHERE org_number = :n").param("n", orgNumber)
                .query((rs, i) -> new Organisation(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("org_number"), rs.getString("business_address")))
                .optional();
    }

    /** The organisation with this number (updating name and address), or a new one; without number always new. */
    UUID findOrCreate(String name, @Nullable String orgNumber, @Nullable String address, Instant now) {
        if (orgNumber != null) {
            Optional<Organisation> existing = byNumber(orgNumber);
            if (existing.isPresent()) {
                jdbc.sql("""
                        UPDATE register_organisation SET name = :name,
                               business_address = COALESCE(:address, business_address) WHERE id = :id
                        """).param("name", name).param("address", address).param("id", existing.get().id()).update();
                return existing.get().id();
            }
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO register_organisation (id, name, org_number, business_address, created_at)
                VALUES (:id, :name, :n, :address, :now)
                """).param("id", id).param("name", name).param("n", orgNumber).param("address", address)
                .param("now", JdbcTime.param(now)).update();
        return id;
    }
}
