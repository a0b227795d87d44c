package no.vern.informing.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.informing.NoticeBackfill;
import no.vern.informing.SourceNoticeDeadlines;
import no.vern.register.ObtainedFromOthers;
import no.vern.register.ObtainedFromOthers.Obtained;
import no.vern.register.SubjectRegistered;
import no.vern.shared.SubjectId;

/**
 * The {@link NoticeBackfill}: pages through the register's {@link ObtainedFromOthers} and keeps those without any row
 * in {@code informing_notice}. Scheduling writes each page in one transaction, as the registration would have
 * (same row, same audit action), with the time the data was obtained, a send time of now and the deadline the law set
 * from the time obtained; running it twice schedules nobody twice.
 */
@Component
class SourceNoticeBackfill implements NoticeBackfill {

    private static final int PAGE = 500;

    private final ObtainedFromOthers register;
    private final SourceNoticeRows notices;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;

    SourceNoticeBackfill(ObtainedFromOthers register, SourceNoticeRows notices, JdbcClient jdbc, AuditLog audit,
            TransactionTemplate tx, java.time.Clock clock) {
        this.register = register;
        this.notices = notices;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public long owed() {
        long owed = 0;
        SubjectId after = null;
        while (true) {
            List<Obtained> page = register.page(after, PAGE);
            if (page.isEmpty()) {
                return owed;
            }
            owed += withoutNotice(page).size();
            after = page.get(page.size() - 1).subject();
        }
    }

    @Override
    public int schedule() {
        int scheduled = 0;
        @Nullable SubjectId after = null;
        while (true) {
            List<Obtained> page = register.page(after, PAGE);
            if (page.isEmpty()) {
                return scheduled;
            }
            Integer done = tx.execute(s -> {
                Instant now = clock.instant();
                List<Obtained> owed = withoutNotice(page);
                for (Obtained o : owed) {
                    UUID id = UUID.randomUUID();
                    notices.insert(o.subject(), id, o.source(), o.purposeKey(), null,
                            SubjectRegistered.DEFAULT_LANGUAGE, o.obtainedAt(), now,
                            SourceNoticeDeadlines.deadline(o.obtainedAt()));
                    audit.record(AuditEvent.of("informing.notice.scheduled", Outcome.SUCCESS)
                            .withPurpose(o.purposeKey()).withTargets(o.subject().reference(), "notice:" + id));
                }
                return owed.size();
            });
            scheduled += done == null ? 0 : done;
            after = page.get(page.size() - 1).subject();
        }
    }

    /** The people of a page that have no notice row at all (owed, sent, exempt or unreachable all count as told of). */
    private List<Obtained> withoutNotice(List<Obtained> page) {
        UUID[] ids = page.stream().map(o -> o.subject().value()).toArray(UUID[]::new);
        Set<UUID> known = new HashSet<>(jdbc.sql("SELECT DISTINCT subject_id FROM informing_notice WHERE subject_id = ANY(:ids)")
                .param("ids", ids).query((rs, n) -> rs.getObject(1, UUID.class)).list());
        return page.stream().filter(o -> !known.contains(o.subject().value())).toList();
    }
}
