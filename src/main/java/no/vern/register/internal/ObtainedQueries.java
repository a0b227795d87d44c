package no.vern.register.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.register.ObtainedFromOthers;
import no.vern.register.Source;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** The register's {@link ObtainedFromOthers}: one keyset-paged query over subjects and their records. */
@Component
class ObtainedQueries implements ObtainedFromOthers {

    private final JdbcClient jdbc;

    ObtainedQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Obtained> page(@Nullable SubjectId after, int limit) {
        List<String> fromOthers = java.util.Arrays.stream(Source.values()).filter(Source::fromOthers).map(Source::name)
                .toList();
        return jdbc.sql("""
                SELECT s.id, r.source, r.purposes[1] AS purpose, s.created_at
                FROM register_subject s
                CROSS JOIN LATERAL (SELECT source, purposes FROM register_record r
                                    WHERE r.subject_id = s.id AND r.source = ANY(:sources) AND cardinality(r.purposes) > 0
                                    ORDER BY r.collected_at, r.id LIMIT 1) r
                WHERE s.erased_at IS NULL AND s.merged_into IS NULL AND s.id > :after
                ORDER BY s.id LIMIT :limit
                """).param("sources", fromOthers.toArray(String[]::new))
                .param("after", after == null ? new UUID(0, 0) : after.value()).param("limit", Math.max(1, limit))
                .query((rs, n) -> new Obtained(new SubjectId(rs.getObject("id", UUID.class)),
                        Source.valueOf(rs.getString("source")), rs.getString("purpose"),
                        JdbcTime.required(rs, "created_at")))
                .list();
    }
}
