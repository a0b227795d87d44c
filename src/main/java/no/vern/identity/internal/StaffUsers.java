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
    record Credentials(StaffAccount account, @Nullable String passwordHash) {

        @Override
        public String toString() {
            return "Credentials[account=" + account.id() + ", passwordHash=***]";
        }
    }

    private static final String SELECT = """
            SELECT u.id, u.username, u.password_hash, u.enabled, u.last_login_at, u.created_at,
                   u.sign_in_provider, u.last_login_provider,
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
        jdbc.sql("UPDATE identity_staff_user SET last_login_at = :now, last_login_provider = NULL WHERE id = :id")
                .param("now", ts(now)).param("id", id).update();
    }

    /** A sign-in through a provider: when, and which provider. */
    void recordProviderSuccess(UUID id, String provider, Instant now) {
        jdbc.sql("UPDATE identity_staff_user SET last_login_at = :now, last_login_provider = :provider WHERE id = :id")
                .param("now", ts(now)).param("provider", provider).param("id", id).update();
    }

    /** The account a provider knows by its stable subject ("sub"). */
    Optional<StaffAccount> byProviderSubject(String provider, String subject) {
        return load(SELECT + " WHERE u.sign_in_provider = :provider AND u.idp_subject = :subject",
                Map.of("provider", provider, "subject", subject)).stream().map(Credentials::account).findFirst();
    }

    /** A provisioned (or earlier signed-in) account by the login name its provider knows, case-insensitively. */
    Optional<StaffAccount> byIdpUsername(String idpUsername) {
        return load(SELECT + " WHERE lower(u.idp_username) = lower(:name) AND u.scim_deleted_at IS NULL",
                Map.of("name", idpUsername)).stream().map(Credentials::account).findFirst();
    }

    /**
     * Binds an account to the provider's subject at its first sign-in (a provisioned account has none yet); false
     * when the account is already bound to another subject or provider.
     */
    boolean bindSubject(UUID id, String provider, String subject, Instant now) {
        return jdbc.sql("""
                UPDATE identity_staff_user SET sign_in_provider = :provider, idp_subject = :subject, password_hash = NULL,
                       updated_at = :now, version = version + 1
                 WHERE id = :id
                   AND (idp_subject IS NULL OR (idp_subject = :subject AND sign_in_provider = :provider))
                """).param("provider", provider).param("subject", subject).param("id", id)
                .param("now", ts(now)).update() == 1;
    }

    /** Creates an account without a password for a person who signs in through a provider. */
    void insertWithoutPassword(UUID id, String username, @Nullable String provider, @Nullable String subject,
            String idpUsername, @Nullable String externalId, boolean enabled, Set<Role> roles, Instant now) {
        jdbc.sql("""
                INSERT INTO identity_staff_user (id, username, password_hash, enabled, sign_in_provider, idp_subject,
                                                 idp_username, scim_external_id, created_at, updated_at)
                VALUES (:id, :username, NULL, :enabled, :provider, :subject, :idpUsername, :externalId, :now, :now)
                """).param("id", id).param("username", username).param("enabled", enabled)
                .param("provider", provider).param("subject", subject).param("idpUsername", idpUsername)
                .param("externalId", externalId).param("now", ts(now)).update();
        replaceRoles(id, roles);
    }

    /** Whether a username is in use (by any account, deleted ones included: a username is never given twice). */
    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM identity_staff_user WHERE username = :u").param("u", username)
                .query(Long.class).single() > 0;
    }

    private List<Credentials> load(String sql, Map<String, Object> params) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            UUID id = rs.getObject("id", UUID.class);
            Row row = rows.computeIfAbsent(id, k -> {
                try {
                    return new Row(id, rs.getString("username"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                            rs.getBoolean("two_factor"), JdbcTime.instant(rs, "last_login_at"),
                            JdbcTime.required(rs, "created_at"), EnumSet.noneOf(Role.class),
                            rs.getString("sign_in_provider"), rs.getString("last_login_provider"));
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
                r.enabled(), null, r.twoFactor(), r.lastLoginAt(), r.createdAt(), r.provider(), r.lastLoginProvider()),
                r.hash())));
        return result;
    }

    private record Row(UUID id, String username, @Nullable String hash, boolean enabled, boolean twoFactor,
            @Nullable Instant lastLoginAt, Instant createdAt, Set<Role> roles, @Nullable String provider,
            @Nullable String lastLoginProvider) {
    }

    private static Object ts(Instant instant) {
        return java.util.Objects.requireNonNull(JdbcTime.param(instant));
    }
}
