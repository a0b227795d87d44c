package no.vern.communications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.communications.Campaign;
import no.vern.shared.JdbcTime;

/** Campaigns ({@code communications_campaign}): the texts as composed, and their status. */
@Component
class Campaigns {

    private final JdbcClient jdbc;

    Campaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Campaign c, String createdBy) {
        jdbc.sql("""
                INSERT INTO communications_campaign (id, list_id, subject_nb, subject_en, body_nb, body_en, status,
                    created_by, created_at)
                VALUES (:id, :list, :snb, :sen, :bnb, :ben, :status, :by, :at)""").param("id", c.id())
                .param("list", c.listId()).param("snb", c.subjectNb()).param("sen", c.subjectEn())
                .param("bnb", c.bodyNb()).param("ben", c.bodyEn()).param("status", c.status().name())
                .param("by", createdBy).param("at", JdbcTime.param(c.createdAt())).update();
    }

    Optional<Campaign> find(UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT * FROM communications_campaign WHERE id = :id" + (forUpdate ? " FOR UPDATE" : ""))
                .param("id", id).query(Campaigns::row).optional();
    }

    List<Campaign> all() {
        return jdbc.sql("SELECT * FROM communications_campaign ORDER BY created_at DESC, id").query(Campaigns::row).list();
    }

    /** Queued campaigns (the sender's work list), oldest first. */
    List<Campaign> queued() {
        return jdbc.sql("SELECT * FROM communications_campaign WHERE status = 'QUEUED' ORDER BY queued_at, id")
                .query(Campaigns::row).list();
    }

    void markQueued(UUID id, Instant at) {
        jdbc.sql("UPDATE communications_campaign SET status = 'QUEUED', queued_at = :at WHERE id = :id AND status = 'DRAFT'")
                .param("id", id).param("at", JdbcTime.param(at)).update();
    }

    /** Marks a queued campaign done when none of its deliveries is open any more. */
    void completeIfSettled(UUID id, Instant at) {
        jdbc.sql("""
                UPDATE communications_campaign SET status = 'DONE', completed_at = :at
                WHERE id = :id AND status = 'QUEUED' AND NOT EXISTS (
                    SELECT 1 FROM communications_delivery d WHERE d.campaign_id = :id AND d.state IN ('PENDING', 'SENDING'))
                """).param("id", id).param("at", JdbcTime.param(at)).update();
    }

    private static Campaign row(ResultSet rs, int n) throws SQLException {
        return new Campaign(rs.getObject("id", UUID.class), rs.getObject("list_id", UUID.class), rs.getString("subject_nb"),
                rs.getString("subject_en"), rs.getString("body_nb"), rs.getString("body_en"),
                Campaign.Status.valueOf(rs.getString("status")), JdbcTime.required(rs, "created_at"),
                JdbcTime.instant(rs, "queued_at"), JdbcTime.instant(rs, "completed_at"));
    }
}
