package no.vern.identity.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiToken;
import no.vern.shared.JdbcTime;

/** API tokens in PostgreSQL, found by the SHA-256 hash of their secret. */
@Repository
class ApiTokenStore {

    private static final String COLUMNS = "id, name, token_prefix, scopes, created_by, created_at, expires_at, revoked_at, last_used_at";

    private final JdbcClient jdbc;

    ApiTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ApiToken> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_api_token ORDER BY created_at DESC").query(this::map).list();
    }

    Optional<ApiToken> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_api_token WHERE id = :id").param("id", id)
                .query(this::map).optional();
    }

    Optional<ApiToken> byHash(byte[] hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_api_token WHERE token_hash = :hash").param("hash", hash)
                .query(this::map).optional();
    }

    boolean existsByHash(byte[] hash) {
        return jdbc.sql("SELECT count(*) FROM identity_api_token WHERE token_hash = :hash").param("hash", hash)
                .query(Long.class).single() > 0;
    }

    void insert(ApiToken token, byte[] hash) {
        jdbc.sql("""
                INSERT INTO identity_api_token (id, name, token_prefix, token_hash, scopes, created_by, created_at, expires_at)
                VALUES (:id, :name, :prefix, :hash, string_to_array(:scopes, ','), :createdBy, :createdAt, :expiresAt)
                """).param("id", token.id()).param("name", token.name()).param("prefix", token.prefix())
                .param("hash", hash)
                .param("scopes", String.join(",", token.scopes().stream().map(ApiScope::value).sorted().toList()))
                .param("createdBy", token.createdBy()).param("createdAt", JdbcTime.param(token.createdAt()))
                .param("expiresAt", JdbcTime.param(token.expiresAt())).update();
    }

    void revoke(UUID id, Instant now) {
        jdbc.sql("UPDATE identity_api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", JdbcTime.param(now)).param("id", id).update();
    }

    /** Records use at most once a minute per token, so busy clients do not write on every call. */
    void touch(UUID id, Instant now) {
        jdbc.sql("""
                UPDATE identity_api_token SET last_used_at = :now
                 WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :threshold)
                """).param("now", JdbcTime.param(now)).param("threshold", JdbcTime.param(now.minusSeconds(60)))
                .param("id", id).update();
    }

    private ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("token_prefix"),
                scopes(rs.getArray("scopes")), rs.getString("created_by"), JdbcTime.required(rs, "created_at"),
                JdbcTime.instant(rs, "expires_at"), JdbcTime.instant(rs, "revoked_at"),
                JdbcTime.instant(rs, "last_used_at"));
    }

    private static Set<ApiScope> scopes(@Nullable Array array) throws SQLException {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                ApiScope.fromValue(String.valueOf(value)).ifPresent(scopes::add);
            }
        }
        return scopes;
    }
}
