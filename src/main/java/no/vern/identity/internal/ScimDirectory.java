package no.vern.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;

/**
 * The SCIM view of staff accounts and the provider's groups in PostgreSQL: only accounts the provider knows (an
 * {@code idp_username}) are SCIM resources; local accounts such as the bootstrap admin are not visible to it.
 */
@Repository
class ScimDirectory {

    /** A provisioned account as SCIM shows it. */
    record ScimUser(UUID id, String userName, @Nullable String externalId, boolean active, Instant created,
            Instant lastModified) {

        @Override
        public String toString() {
            return "ScimUser[" + id + "]";
        }
    }

    /** A group the provider pushed. */
    record ScimGroup(UUID id, String displayName, @Nullable String externalId, Set<UUID> members, Instant created,
            Instant lastModified) {

        ScimGroup {
            members = Set.copyOf(members);
        }
    }

    private static final String USER = """
            SELECT id, idp_username, scim_external_id, enabled, created_at, updated_at FROM identity_staff_user
             WHERE idp_username IS NOT NULL AND scim_deleted_at IS NULL
            """;

    private final JdbcClient jdbc;

    ScimDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ScimUser> users(@Nullable String userName, @Nullable String externalId) {
        String sql = USER + (userName == null ? "" : " AND lower(idp_username) = lower(:userName)")
                + (externalId == null ? "" : " AND scim_external_id = :externalId") + " ORDER BY created_at, id";
        var statement = jdbc.sql(sql);
        if (userName != null) {
            statement = statement.param("userName", userName);
        }
        if (externalId != null) {
            statement = statement.param("externalId", externalId);
        }
        return statement.query((rs, n) -> new ScimUser(rs.getObject("id", UUID.class), rs.getString("idp_username"),
                rs.getString("scim_external_id"), rs.getBoolean("enabled"), JdbcTime.required(rs, "created_at"),
                JdbcTime.required(rs, "updated_at"))).list();
    }

    Optional<ScimUser> user(UUID id) {
        return jdbc.sql(USER + " AND id = :id").param("id", id)
                .query((rs, n) -> new ScimUser(rs.getObject("id", UUID.class), rs.getString("idp_username"),
                        rs.getString("scim_external_id"), rs.getBoolean("enabled"), JdbcTime.required(rs, "created_at"),
                        JdbcTime.required(rs, "updated_at"))).optional();
    }

    void update(UUID id, String userName, @Nullable String externalId, Instant now) {
        jdbc.sql("""
                UPDATE identity_staff_user SET idp_username = :userName, scim_external_id = :externalId,
                       updated_at = :now, version = version + 1
                 WHERE id = :id
                """).param("userName", userName).param("externalId", externalId).param("now", ts(now))
                .param("id", id).update();
    }

    /** The provider deleted the account: it stays disabled, without anything the provider knows it by. */
    void markDeleted(UUID id, Instant now) {
        jdbc.sql("""
                UPDATE identity_staff_user SET scim_deleted_at = :now, enabled = FALSE, idp_username = NULL,
                       idp_subject = NULL, scim_external_id = NULL, updated_at = :now, version = version + 1
                 WHERE id = :id
                """).param("now", ts(now)).param("id", id).update();
        jdbc.sql("DELETE FROM identity_scim_member WHERE user_id = :id").param("id", id).update();
    }

    List<ScimGroup> groups(@Nullable String displayName) {
        String sql = "SELECT id FROM identity_scim_group" + (displayName == null ? "" : " WHERE display_name = :name")
                + " ORDER BY created_at, id";
        var statement = jdbc.sql(sql);
        if (displayName != null) {
            statement = statement.param("name", displayName);
        }
        return statement.query((rs, n) -> rs.getObject(1, UUID.class)).list().stream()
                .map(id -> group(id).orElseThrow()).toList();
    }

    Optional<ScimGroup> group(UUID id) {
        Set<UUID> members = Set.copyOf(jdbc.sql("SELECT user_id FROM identity_scim_member WHERE group_id = :id")
                .param("id", id).query((rs, n) -> rs.getObject(1, UUID.class)).list());
        return jdbc.sql("SELECT id, display_name, external_id, created_at, updated_at FROM identity_scim_group WHERE id = :id")
                .param("id", id).query((rs, n) -> new ScimGroup(rs.getObject("id", UUID.class), rs.getString("display_name"),
                        rs.getString("external_id"), members, JdbcTime.required(rs, "created_at"),
                        JdbcTime.required(rs, "updated_at"))).optional();
    }

    boolean groupNameTaken(String displayName, @Nullable UUID except) {
        return jdbc.sql("SELECT count(*) FROM identity_scim_group WHERE display_name = :n AND id IS DISTINCT FROM :except")
                .param("n", displayName).param("except", except).query(Long.class).single() > 0;
    }

    void insertGroup(UUID id, String displayName, @Nullable String externalId, Instant now) {
        jdbc.sql("""
                INSERT INTO identity_scim_group (id, display_name, external_id, created_at, updated_at)
                VALUES (:id, :name, :externalId, :now, :now)
                """).param("id", id).param("name", displayName).param("externalId", externalId).param("now", ts(now))
                .update();
    }

    void renameGroup(UUID id, String displayName, @Nullable String externalId, Instant now) {
        jdbc.sql("UPDATE identity_scim_group SET display_name = :n, external_id = :e, updated_at = :now WHERE id = :id")
                .param("n", displayName).param("e", externalId).param("now", ts(now)).param("id", id).update();
    }

    void touchGroup(UUID id, Instant now) {
        jdbc.sql("UPDATE identity_scim_group SET updated_at = :now WHERE id = :id").param("now", ts(now))
                .param("id", id).update();
    }

    void deleteGroup(UUID id) {
        jdbc.sql("DELETE FROM identity_scim_group WHERE id = :id").param("id", id).update();
    }

    void addMember(UUID group, UUID user) {
        jdbc.sql("INSERT INTO identity_scim_member (group_id, user_id) VALUES (:g, :u) ON CONFLICT DO NOTHING")
                .param("g", group).param("u", user).update();
    }

    void removeMember(UUID group, UUID user) {
        jdbc.sql("DELETE FROM identity_scim_member WHERE group_id = :g AND user_id = :u").param("g", group)
                .param("u", user).update();
    }

    void removeAllMembers(UUID group) {
        jdbc.sql("DELETE FROM identity_scim_member WHERE group_id = :g").param("g", group).update();
    }

    /** The display names of the groups a user is in. */
    List<String> groupNamesOf(UUID user) {
        return jdbc.sql("""
                SELECT g.display_name FROM identity_scim_group g JOIN identity_scim_member m ON m.group_id = g.id
                 WHERE m.user_id = :u
                """).param("u", user).query((rs, n) -> rs.getString(1)).list();
    }

    private static Object ts(Instant instant) {
        return Objects.requireNonNull(JdbcTime.param(instant));
    }
}
