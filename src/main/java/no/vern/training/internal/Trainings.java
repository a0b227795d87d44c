package no.vern.training.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.identity.Role;
import no.vern.shared.JdbcTime;
import no.vern.training.Training;

/** Trainings, completions and sent reminders in PostgreSQL. */
@Repository
class Trainings {

    /** One completion. */
    record Completion(UUID trainingId, UUID staffId, LocalDate completedOn) {
    }

    private final JdbcClient jdbc;

    Trainings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Training> all() {
        return jdbc.sql("""
                SELECT id, title, version, material_url, required_roles, renewal_months, created_at
                  FROM training_course ORDER BY created_at DESC, title
                """).query(this::map).list();
    }

    Optional<Training> byId(UUID id) {
        return jdbc.sql("""
                SELECT id, title, version, material_url, required_roles, renewal_months, created_at
                  FROM training_course WHERE id = :id
                """).param("id", id).query(this::map).optional();
    }

    boolean exists(String title, String version) {
        return jdbc.sql("SELECT count(*) FROM training_course WHERE title = :t AND version = :v").param("t", title)
                .param("v", version).query(Long.class).single() > 0;
    }

    void insert(Training t, String createdBy) {
        jdbc.sql("""
                INSERT INTO training_course (id, title, version, material_url, required_roles, renewal_months,
                                             created_by, created_at)
                VALUES (:id, :title, :version, :url, string_to_array(:roles, ','), :months, :by, :at)
                """).param("id", t.id()).param("title", t.title()).param("version", t.version())
                .param("url", t.materialUrl())
                .param("roles", String.join(",", t.requiredFor().stream().map(Role::name).sorted().toList()))
                .param("months", t.renewalMonths()).param("by", createdBy).param("at", JdbcTime.param(t.createdAt()))
                .update();
    }

    /** Records a completion; false if exactly this completion was already recorded. */
    boolean complete(UUID training, UUID staff, LocalDate on, String recordedBy, Instant at) {
        return jdbc.sql("""
                INSERT INTO training_completion (training_id, staff_id, completed_on, recorded_by, recorded_at)
                VALUES (:t, :s, :on, :by, :at) ON CONFLICT DO NOTHING
                """).param("t", training).param("s", staff).param("on", on).param("by", recordedBy)
                .param("at", JdbcTime.param(at)).update() == 1;
    }

    List<Completion> completions() {
        return jdbc.sql("SELECT training_id, staff_id, completed_on FROM training_completion")
                .query((rs, n) -> new Completion(rs.getObject("training_id", UUID.class),
                        rs.getObject("staff_id", UUID.class), rs.getObject("completed_on", LocalDate.class)))
                .list();
    }

    /** Claims the reminder of this kind for this due date; false if it was sent already. */
    boolean claimReminder(UUID training, UUID staff, LocalDate dueOn, String kind, Instant at) {
        return jdbc.sql("""
                INSERT INTO training_reminder (training_id, staff_id, due_on, kind, sent_at)
                VALUES (:t, :s, :due, :kind, :at) ON CONFLICT DO NOTHING
                """).param("t", training).param("s", staff).param("due", dueOn).param("kind", kind)
                .param("at", JdbcTime.param(at)).update() == 1;
    }

    private Training map(ResultSet rs, int row) throws SQLException {
        return new Training(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("version"),
                rs.getString("material_url"), roles(rs.getArray("required_roles")), rs.getInt("renewal_months"),
                JdbcTime.required(rs, "created_at"));
    }

    private static Set<Role> roles(@Nullable Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                roles.add(Role.valueOf(String.valueOf(value)));
            }
        }
        return roles;
    }
}
