package no.vern.register.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.crypto.BlindIndex;
import no.vern.processing.SubjectKind;
import no.vern.register.SubjectDirectory;
import no.vern.shared.EmailAddresses;
import no.vern.shared.Rejected;
import no.vern.shared.SubjectId;

/**
 * The register's bulk, id-only views ({@link SubjectDirectory}) in SQL over its own tables: subjects
 * by purpose of their email records, and subjects by email blind index, both with {@code = ANY(?)}
 * arrays so a page or a batch is one round trip.
 */
@Component
class JdbcSubjectDirectory implements SubjectDirectory {

    private final JdbcClient jdbc;
    private final BlindIndex blindIndex;

    JdbcSubjectDirectory(JdbcClient jdbc, BlindIndex blindIndex) {
        this.jdbc = jdbc;
        this.blindIndex = blindIndex;
    }

    @Override
    public List<DirectoryEntry> withEmailFor(String purposeKey, @Nullable SubjectId after, int limit) {
        record Head(UUID id, Set<SubjectKind> kinds) {
        }
        List<Head> heads = jdbc.sql("""
                SELECT s.id, s.kinds FROM register_subject s
                WHERE s.erased_at IS NULL AND (CAST(:after AS uuid) IS NULL OR s.id > CAST(:after AS uuid))
                  AND EXISTS (SELECT 1 FROM register_record r
                              WHERE r.subject_id = s.id AND r.category = 'email' AND :purpose = ANY(r.purposes))
                ORDER BY s.id LIMIT :limit""")
                .param("after", after == null ? null : after.value())
                .param("purpose", purposeKey).param("limit", limit)
                .query((rs, n) -> new Head(rs.getObject("id", UUID.class), kinds(rs.getArray("kinds")))).list();
        if (heads.isEmpty()) {
            return List.of();
        }
        UUID[] ids = heads.stream().map(Head::id).toArray(UUID[]::new);
        Map<UUID, Set<String>> purposes = emailPurposes(ids);
        Map<UUID, List<byte[]>> hashes = emailHashes(ids);
        return heads.stream().map(h -> new DirectoryEntry(new SubjectId(h.id()), h.kinds(),
                purposes.getOrDefault(h.id(), Set.of()), hashes.getOrDefault(h.id(), List.of()), false)).toList();
    }

    @Override
    public Optional<DirectoryEntry> entry(SubjectId subject) {
        UUID[] ids = { subject.value() };
        return jdbc.sql("SELECT kinds, erased_at FROM register_subject WHERE id = :id").param("id", subject.value())
                .query((rs, n) -> new DirectoryEntry(subject, kinds(rs.getArray("kinds")),
                        emailPurposes(ids).getOrDefault(subject.value(), Set.of()),
                        emailHashes(ids).getOrDefault(subject.value(), List.of()), rs.getObject("erased_at") != null))
                .optional();
    }

    @Override
    public List<byte[]> emailIndexes(String email) {
        try {
            return blindIndex.candidates("email", EmailAddresses.normalise(email));
        } catch (Rejected e) {
            return List.of();
        }
    }

    @Override
    public List<IndexMatch> byEmailIndexes(Collection<byte[]> hashes) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        // the one lookup of an email hash (emailMatchesSql), once per distinct hash asked
        return jdbc.sql("SELECT m.* FROM (SELECT DISTINCT unnest(:hashes) AS hash) h CROSS JOIN LATERAL ("
                + emailMatchesSql("h.hash") + ") m")
                .param("hashes", hashes.toArray(byte[][]::new))
                .query((rs, n) -> new IndexMatch(rs.getBytes("hash"), matchedEntry(rs))).list();
    }

    @Override
    public String emailMatchesSql(String hashExpression) {
        return """
                SELECT b.hash, s.id AS subject_id, s.kinds,
                       ARRAY(SELECT DISTINCT p FROM register_record r, unnest(r.purposes) AS p
                             WHERE r.subject_id = s.id AND r.category = 'email') AS email_purposes,
                       ARRAY(SELECT e.hash FROM register_blind_index e
                             WHERE e.subject_id = s.id AND e.kind = 'email') AS email_hashes,
                       EXISTS (SELECT 1 FROM register_restriction x WHERE x.subject_id = s.id) AS restricted
                FROM register_blind_index b JOIN register_subject s ON s.id = b.subject_id
                WHERE b.kind = 'email' AND b.hash = %s AND s.erased_at IS NULL"""
                .formatted(hashExpression);
    }

    @Override
    public DirectoryEntry matchedEntry(ResultSet row) throws SQLException {
        Object[] hashes = (Object[]) row.getArray("email_hashes").getArray();
        List<byte[]> emailHashes = new ArrayList<>(hashes.length);
        for (Object hash : hashes) {
            emailHashes.add((byte[]) hash);
        }
        return new DirectoryEntry(new SubjectId(row.getObject("subject_id", UUID.class)), kinds(row.getArray("kinds")),
                Set.of((String[]) row.getArray("email_purposes").getArray()), emailHashes, false);
    }

    /** The email blind-index hashes of a subject, read inside the erasure before they are deleted. */
    List<byte[]> emailHashesOf(SubjectId subject) {
        return emailHashes(new UUID[] { subject.value() }).getOrDefault(subject.value(), List.of());
    }

    /** The email blind-index hashes of many subjects (by subject id), read inside a bulk erasure before they go. */
    Map<UUID, List<byte[]>> emailHashesOf(UUID[] subjects) {
        return emailHashes(subjects);
    }

    private Map<UUID, Set<String>> emailPurposes(UUID[] ids) {
        Map<UUID, Set<String>> result = new HashMap<>();
        jdbc.sql("""
                SELECT subject_id, purposes FROM register_record
                WHERE subject_id = ANY(:ids) AND category = 'email'""").param("ids", ids)
                .query((ResultSet rs) -> {
                    result.computeIfAbsent(rs.getObject("subject_id", UUID.class), k -> new LinkedHashSet<>())
                            .addAll(Arrays.asList((String[]) rs.getArray("purposes").getArray()));
                });
        return result;
    }

    private Map<UUID, List<byte[]>> emailHashes(UUID[] ids) {
        Map<UUID, List<byte[]>> result = new HashMap<>();
        jdbc.sql("SELECT subject_id, hash FROM register_blind_index WHERE subject_id = ANY(:ids) AND kind = 'email'")
                .param("ids", ids).query((ResultSet rs) -> {
                    result.computeIfAbsent(rs.getObject("subject_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getBytes("hash"));
                });
        return result;
    }

    private static Set<SubjectKind> kinds(Array array) throws SQLException {
        Set<SubjectKind> kinds = EnumSet.noneOf(SubjectKind.class);
        for (String name : (String[]) array.getArray()) {
            kinds.add(SubjectKind.valueOf(name));
        }
        return kinds;
    }
}
