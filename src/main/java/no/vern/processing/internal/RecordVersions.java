package no.vern.processing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;

/** Stores the versions of the record as JSON documents; rows are only ever inserted. */
@Repository
class RecordVersions {

    /** A stored row: the document is still JSON text. */
    record Row(int version, String content, String author, Instant createdAt, String changeNote) {
    }

    private final JdbcClient jdbc;

    RecordVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Integer> currentVersion() {
        return jdbc.sql("SELECT max(version) FROM processing_record_version").query(Integer.class).optional();
    }

    Optional<Row> find(int version) {
        return jdbc.sql("""
                SELECT version, content::text AS content, author, created_at, change_note
                FROM processing_record_version WHERE version = :version
                """).param("version", version).query(RecordVersions::row).optional();
    }

    List<Row> history() {
        return jdbc.sql("""
                SELECT version, '' AS content, author, created_at, change_note
                FROM processing_record_version ORDER BY version DESC
                """).query(RecordVersions::row).list();
    }

    /** Inserts a version; returns false if that version number already exists (someone was faster). */
    boolean insert(int version, String content, String author, Instant createdAt, String changeNote) {
        return jdbc.sql("""
                INSERT INTO processing_record_version (version, content, author, created_at, change_note)
                VALUES (:version, CAST(:content AS jsonb), :author, :createdAt, :changeNote)
                ON CONFLICT (version) DO NOTHING
                """).param("version", version).param("content", content).param("author", author)
                .param("createdAt", JdbcTime.param(createdAt)).param("changeNote", changeNote).update() == 1;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getInt("version"), rs.getString("content"), rs.getString("author"),
                JdbcTime.required(rs, "created_at"), rs.getString("change_note"));
    }
}
