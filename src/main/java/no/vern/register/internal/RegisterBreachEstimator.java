package no.vern.register.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import no.vern.breach.AffectedDataEstimate;
import no.vern.breach.AffectedDataEstimator;
import no.vern.processing.Activity;
import no.vern.processing.Purpose;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * Answers the breach module's question "who and how much does a breach in these activities touch"
 * (GDPR Art. 33(3)(a)) from the data map: the activities' purposes select the records held for them,
 * optionally only those collected in the breach window. Counts and ids only; nothing is decrypted.
 */
@Component
class RegisterBreachEstimator implements AffectedDataEstimator {

    /** At most this many people are proposed for notification; the counts are always complete. */
    static final int MAX_PROPOSED = 50_000;

    private final JdbcClient jdbc;
    private final ProcessingRecord record;

    RegisterBreachEstimator(JdbcClient jdbc, ProcessingRecord record) {
        this.jdbc = jdbc;
        this.record = record;
    }

    @Override
    @Transactional(readOnly = true)
    public AffectedDataEstimate estimate(List<String> activityIds, @Nullable Instant from, @Nullable Instant to) {
        String[] purposes = purposesOf(activityIds).toArray(String[]::new);
        if (purposes.length == 0) {
            return new AffectedDataEstimate(0L, 0L, List.of());
        }
        String window = """
                FROM register_record r JOIN register_subject s ON s.id = r.subject_id
                WHERE s.erased_at IS NULL AND r.purposes && CAST(:purposes AS text[])
                  AND (CAST(:from AS timestamptz) IS NULL OR r.collected_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR r.collected_at < :to)
                """;
        var counts = jdbc.sql("SELECT count(DISTINCT r.subject_id) AS subjects, count(*) AS records " + window)
                .param("purposes", purposes).param("from", JdbcTime.param(from))
                .param("to", JdbcTime.param(to))
                .query((rs, n) -> new long[] { rs.getLong("subjects"), rs.getLong("records") }).single();
        List<SubjectId> proposed = jdbc.sql("SELECT DISTINCT r.subject_id " + window + " ORDER BY r.subject_id LIMIT :limit")
                .param("purposes", purposes).param("from", JdbcTime.param(from))
                .param("to", JdbcTime.param(to)).param("limit", MAX_PROPOSED)
                .query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list();
        return new AffectedDataEstimate(counts[0], counts[1], proposed);
    }

    private Set<String> purposesOf(List<String> activityIds) {
        Set<String> keys = new LinkedHashSet<>();
        for (Activity activity : record.current().document().activities()) {
            if (activityIds.contains(activity.id())) {
                activity.purposes().stream().map(Purpose::key).forEach(keys::add);
            }
        }
        return keys;
    }
}
