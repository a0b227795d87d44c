package no.vern.vendors.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;
import no.vern.vendors.Vendor;
import no.vern.vendors.VendorRole;

/** Vendors in PostgreSQL. */
@Repository
class Vendors {

    private static final String COLUMNS = """
            id, name, role, parent_id, joint_arrangement, activities, data_categories, security_measures,
            sub_notice_days, last_review, next_review, updated_at, notes""";

    private final JdbcClient jdbc;
    private final RecipientsCache recipients;

    Vendors(JdbcClient jdbc, RecipientsCache recipients) {
        this.recipients = recipients;
        this.jdbc = jdbc;
    }

    List<Vendor> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM vendors_vendor ORDER BY lower(name), id").query(Vendors::map).list();
    }

    Optional<Vendor> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM vendors_vendor WHERE id = :id").param("id", id).query(Vendors::map)
                .optional();
    }

    boolean nameTaken(String name, @Nullable UUID except) {
        return jdbc.sql("SELECT count(*) FROM vendors_vendor WHERE lower(name) = lower(:n) AND id IS DISTINCT FROM :id")
                .param("n", name).param("id", except, java.sql.Types.OTHER).query((rs, n) -> rs.getLong(1)).single() > 0;
    }

    long children(UUID id) {
        return jdbc.sql("SELECT count(*) FROM vendors_vendor WHERE parent_id = :id").param("id", id)
                .query((rs, n) -> rs.getLong(1)).single();
    }

    void upsert(Vendor v) {
        recipients.changed(); // the recipients the register says (issue 28 item 5)
        jdbc.sql("""
                INSERT INTO vendors_vendor (id, name, role, parent_id, joint_arrangement, activities, data_categories,
                                            security_measures, sub_notice_days, last_review, next_review, created_at,
                                            updated_at, notes)
                VALUES (:id, :name, :role, :parent, :joint, string_to_array(:acts, ','), string_to_array(:cats, ','),
                        :sec, :notice, :last, :next, :at, :at, :notes)
                ON CONFLICT (id) DO UPDATE SET name = :name, role = :role, parent_id = :parent, joint_arrangement = :joint,
                    activities = string_to_array(:acts, ','), data_categories = string_to_array(:cats, ','),
                    security_measures = :sec, sub_notice_days = :notice, last_review = :last, next_review = :next,
                    updated_at = :at, notes = :notes
                """).param("id", v.id()).param("name", v.name()).param("role", v.role().name())
                .param("parent", v.parentId(), java.sql.Types.OTHER).param("joint", v.jointArrangement(), java.sql.Types.VARCHAR)
                .param("acts", String.join(",", v.activities())).param("cats", String.join(",", v.dataCategories()))
                .param("sec", v.securityMeasures()).param("notice", v.subProcessorNoticeDays(), java.sql.Types.INTEGER)
                .param("last", v.lastReview(), java.sql.Types.DATE).param("next", v.nextReview(), java.sql.Types.DATE)
                .param("at", JdbcTime.param(v.updatedAt())).param("notes", v.notes()).update();
    }

    boolean delete(UUID id) {
        recipients.changed(); // the recipients the register says (issue 28 item 5)
        return jdbc.sql("DELETE FROM vendors_vendor WHERE id = :id").param("id", id).update() == 1;
    }

    private static Vendor map(ResultSet rs, int n) throws SQLException {
        Integer notice = (Integer) rs.getObject("sub_notice_days");
        return new Vendor(rs.getObject("id", UUID.class), rs.getString("name"), VendorRole.valueOf(rs.getString("role")),
                rs.getObject("parent_id", UUID.class), rs.getString("joint_arrangement"), strings(rs.getArray("activities")),
                strings(rs.getArray("data_categories")), rs.getString("security_measures"), notice,
                rs.getObject("last_review", LocalDate.class), rs.getObject("next_review", LocalDate.class),
                JdbcTime.required(rs, "updated_at"), rs.getString("notes"));
    }

    static List<String> strings(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray()).filter(s -> s != null && !s.isEmpty()).toList();
    }
}
