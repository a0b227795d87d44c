package no.vern.assessments.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.assessments.EdpbCriterion;
import no.vern.assessments.ListedProcessing;
import no.vern.assessments.Screening;
import no.vern.shared.JdbcTime;

/** Screenings in PostgreSQL, one per activity. */
@Repository
class Screenings {

    private final JdbcClient jdbc;

    Screenings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Screening> all() {
        return jdbc.sql("SELECT activity_id, listed, criteria, note, screened_by, screened_at FROM assessments_screening ORDER BY activity_id")
                .query(Screenings::map).list();
    }

    Optional<Screening> of(String activityId) {
        return jdbc.sql("SELECT activity_id, listed, criteria, note, screened_by, screened_at FROM assessments_screening WHERE activity_id = :a")
                .param("a", activityId).query(Screenings::map).optional();
    }

    void save(Screening s) {
        jdbc.sql("""
                INSERT INTO assessments_screening (activity_id, listed, criteria, note, screened_by, screened_at)
                VALUES (:a, string_to_array(:listed, ','), string_to_array(:criteria, ','), :note, :by, :at)
                ON CONFLICT (activity_id) DO UPDATE SET listed = string_to_array(:listed, ','),
                    criteria = string_to_array(:criteria, ','), note = :note, screened_by = :by, screened_at = :at
                """).param("a", s.activityId())
                .param("listed", String.join(",", s.listed().stream().map(Enum::name).sorted().toList()))
                .param("criteria", String.join(",", s.criteria().stream().map(Enum::name).sorted().toList()))
                .param("note", s.note()).param("by", s.screenedBy()).param("at", JdbcTime.param(s.screenedAt())).update();
    }

    private static Screening map(ResultSet rs, int n) throws SQLException {
        Set<ListedProcessing> listed = EnumSet.noneOf(ListedProcessing.class);
        strings(rs.getArray("listed")).forEach(s -> listed.add(ListedProcessing.valueOf(s)));
        Set<EdpbCriterion> criteria = EnumSet.noneOf(EdpbCriterion.class);
        strings(rs.getArray("criteria")).forEach(s -> criteria.add(EdpbCriterion.valueOf(s)));
        return new Screening(rs.getString("activity_id"), listed, criteria, rs.getString("note"),
                rs.getString("screened_by"), JdbcTime.required(rs, "screened_at"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of()
                : Arrays.stream((String[]) array.getArray()).filter(s -> s != null && !s.isEmpty()).toList();
    }
}
