package no.vern.communications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.communications.ListKind;
import no.vern.communications.MailingList;
import no.vern.processing.SubjectKind;
import no.vern.shared.JdbcTime;

/** The mailing lists ({@code communications_list}): names, purposes and kinds, no personal data. */
@Component
class MailingLists {

    private final JdbcClient jdbc;

    MailingLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(MailingList list) {
        jdbc.sql("""
                INSERT INTO communications_list (id, name, kind, purpose_key, kinds, created_at)
                VALUES (:id, :name, :kind, :purpose, :kinds, :at)""").param("id", list.id()).param("name", list.name())
                .param("kind", list.kind().name()).param("purpose", list.purposeKey())
                .param("kinds", list.kinds().stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("at", JdbcTime.param(list.createdAt())).update();
    }

    List<MailingList> all() {
        return jdbc.sql("SELECT * FROM communications_list ORDER BY created_at, id").query(MailingLists::row).list();
    }

    Optional<MailingList> find(UUID id) {
        return jdbc.sql("SELECT * FROM communications_list WHERE id = :id").param("id", id).query(MailingLists::row)
                .optional();
    }

    Optional<MailingList> byName(String name) {
        return jdbc.sql("SELECT * FROM communications_list WHERE name = :name ORDER BY created_at LIMIT 1")
                .param("name", name).query(MailingLists::row).optional();
    }

    /** Ids of the lists held for a purpose (for the eligibility check's objection scopes). */
    List<UUID> idsFor(String purposeKey) {
        return jdbc.sql("SELECT id FROM communications_list WHERE purpose_key = :p").param("p", purposeKey)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    private static MailingList row(ResultSet rs, int n) throws SQLException {
        Set<SubjectKind> kinds = EnumSet.noneOf(SubjectKind.class);
        for (String k : (String[]) rs.getArray("kinds").getArray()) {
            kinds.add(SubjectKind.valueOf(k));
        }
        Instant created = JdbcTime.required(rs, "created_at");
        return new MailingList(rs.getObject("id", UUID.class), rs.getString("name"),
                ListKind.valueOf(rs.getString("kind")), rs.getString("purpose_key"), kinds, created);
    }
}
