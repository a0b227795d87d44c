package no.vern.identity.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.shared.JdbcTime;

/** Staff accounts and their roles in PostgreSQL. */
@Repository
class StaffUsers {

    /** An account with its password hash, for authentication only. */
    record Credentials(StaffAccount account, String passwordHash) {

        @Override
        public String toString() {
            return "Credentials[account=" + account.id() + ", passwordHash=***]";
        }
    }

    private static final String SELECT = """
            SELECT u.id, u.username, u.password_hash, u.enabled, u.last_login_at, u.created_at,
                   t.confirmed_at IS NOT NULL AS two_factor, r.role
              FROM identity_staff_user u
              LEFT JOIN identity_staff_role r ON r.user_id = u.id
              LEFT JOIN identity_staff_totp t ON t.user_id = u.id
            """;

    private final JdbcClient jdbc;

    StaffUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM identity_staff_user").query(Long.class).single();
    }

    List<StaffAccount> all() {
        return load(SELECT + " ORDER BY u.username", Map.of()).stream().map(Credentials::account).toList();
    }

    Optional<Credentials> byUsername(String username) {
        return load(SELECT + " WHERE u.username = :username", Map.of("username", username)).stream().findFirst();
    }

    Optional<StaffAccount> byId(UUID id) {
        return load(SELECT + " WHERE u.id = :id", Map.of("id", id)).stream().map(Credentials::account).findFirst();
    }

    void insert(UUID id, String username, String passwordHash, Set<Role> roles, Instant now) {
        jdbc.sql("""
                INSERT INTO identity_staff_user (id, username, password_hash, created_at, updated_at)
                VALUES (:id, :username, :hash, :now, :now)
                """).param("id", id).param("username", username).param("hash", passwordHash)
                .param("now", ts(now)).update();
        replaceRoles(id, roles);
    }

    void replaceRoles(UUID id, Set<Role> roles) {
        jdbc.sql("DELETE FROM identity_staff_role WHERE user_id = :id").param("id", id).update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO identity_staff_role (user_id, role) VALUES (:id, :role)")
                    .param("id", id).param("role", role.name()).update();
        }
    }

    void setEnabled(UUID id, boolean enabled, Instant now) {
        jdbc.sql("UPDATE identity_staff_user SET enabled = :enabled, updated_at = :now, version = version + 1 WHERE id = :id")
                .param("enabled", enabled).param("now", ts(now)).param("id", id).update();
    }

    /** Ends every login session of the account, on every node (sessions live in the database). */
    int endSessions(String username) {
        return jdbc.sql("DELETE FROM spring_session WHERE principal_name = :username").param("username", username)
                .update();
    }

    void setPassword(UUID id, String passwordHash, Instant now) {
        jdbc.sql("""
                UPDATE identity_staff_user
                   SET password_hash = :hash, updated_at = :now,
                       version = version + 1
                 WHERE id = :id
                """).param("hash", passwordHash).param("now", ts(now)).param("id", id).update();
    }

    void recordSuccess(UUID id, Instant now) {
        jdbc.sql("UPDATE identity_staff_user SET last_login_at = :now WHERE id = :id")
                .param("now", ts(now)).param("id", id).update();
    }

    private List<Credentials> load(String sql, Map<String, Object> params) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            UUID id = rs.getObject("id", UUID.class);
            Row row = rows.computeIfAbsent(id, k -> {
                try {
                    return new Row(id, rs.getString("username"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                            rs.getBoolean("two_factor"), JdbcTime.instant(rs, "last_login_at"),
                            JdbcTime.required(rs, "created_at"), EnumSet.noneOf(Role.class));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String role = rs.getString("role");
            if (role != null) {
                row.roles().add(Role.valueOf(role));
            }
        });
        List<Credentials> result = new ArrayList<>();
        rows.values().forEach(r -> result.add(new Credentials(new StaffAccount(r.id(), r.username(), r.roles(),
                r.enabled(), null, r.twoFactor(), r.lastLoginAt(), r.createdAt()), r.hash())));
        return result;
    }

    private record Row(UUID id, String username, String hash, boolean enabled, boolean twoFactor,
            @Nullable Instant lastLoginAt, Instant createdAt, Set<Role> roles) {
    }

    private static Object ts(Instant instant) {
        return java.util.Objects.requireNonNull(JdbcTime.param(instant));
    }
}
