package no.vern.changes.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import no.vern.changes.ChangeType;
import no.vern.communications.ObjectionRecorded;
import no.vern.consent.ConsentExpired;
import no.vern.consent.ConsentGiven;
import no.vern.consent.ConsentWithdrawn;
import no.vern.processing.ProcessingRecordChanged;
import no.vern.register.RecordsErased;
import no.vern.register.RestrictionChanged;
import no.vern.register.SubjectErased;
import no.vern.requests.RequestCompleted;
import no.vern.shared.AtCommit;
import no.vern.shared.SubjectId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends a change event for each domain event, synchronously and so in the transaction that publishes it: the
 * change and its event commit together or not at all (a crash between them cannot lose one or tell of one that
 * was rolled back). Only ids, purpose keys and versions are written. The event is queued for the matching webhook
 * subscriptions in the same transaction. Inside a transaction its events are appended together just before it commits
 * ({@link AtCommit}: one statement for the events and one for their deliveries, however many there are).
 */
@Component
class ChangeLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookOutbox webhooks;
    /**
     * The change events of one transaction (issue 28 item 8: a purge batch publishes hundreds), appended together just
     * before it commits, in the order they were published, each with the id and time it got when published. The feed
     * orders by the transaction id and holds back what follows a running transaction, so the transaction takes its id
     * when its first event is published (as the append did then), not at the commit.
     */
    private final AtCommit<Row> pending;

    ChangeLog(JdbcClient jdbc, Clock clock, WebhookOutbox webhooks, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.webhooks = webhooks;
        this.pending = new AtCommit<>(transactions, this::insertAll, Ordered.LOWEST_PRECEDENCE - 10,
                () -> jdbc.sql("SELECT pg_current_xact_id()").query().singleValue());
    }

    /** Appends the change event of a {@code ConsentGiven}. */
    @EventListener
    void on(ConsentGiven e) {
        append(ChangeType.CONSENT_GIVEN, e.subject(), List.of(e.purposeKey()), Map.of());
    }

    /** Appends the change event of a {@code ConsentWithdrawn}. */
    @EventListener
    void on(ConsentWithdrawn e) {
        append(ChangeType.CONSENT_WITHDRAWN, e.subject(), List.of(e.purposeKey()), Map.of());
    }

    /** Appends the change event of a {@code ConsentExpired}. */
    @EventListener
    void on(ConsentExpired e) {
        append(ChangeType.CONSENT_EXPIRED, e.subject(), List.of(e.purposeKey()), Map.of());
    }

    /** Appends the change event of a {@code ObjectionRecorded}. */
    @EventListener
    void on(ObjectionRecorded e) {
        append(ChangeType.OBJECTION_RECORDED, e.subject(), List.of(),
                e.listId() == null ? Map.of("scope", "all-lists") : Map.of("list", e.listId().toString()));
    }

    /** Appends the change event of a {@code RestrictionChanged}. */
    @EventListener
    void on(RestrictionChanged e) {
        append(e.restricted() ? ChangeType.RESTRICTION_SET : ChangeType.RESTRICTION_LIFTED, e.subject(), List.of(), Map.of());
    }

    /** Appends the change event of a {@code RecordsErased}. */
    @EventListener
    void on(RecordsErased e) {
        append(ChangeType.RECORDS_ERASED, e.subject(), List.of(e.purposeKey()), Map.of());
    }

    /** Appends the change event of a {@code SubjectErased}. */
    @EventListener
    void on(SubjectErased e) {
        append(ChangeType.SUBJECT_ERASED, e.subject(), List.of(), Map.of());
    }

    /** Appends the change event of a {@code RequestCompleted}. */
    @EventListener
    void on(RequestCompleted e) {
        append(ChangeType.REQUEST_COMPLETED, null, List.of(),
                Map.of("request", e.requestId().toString(), "kind", e.kind().name()));
    }

    /** Appends the change event of a {@code ProcessingRecordChanged}. */
    @EventListener
    void on(ProcessingRecordChanged e) {
        append(ChangeType.RECORD_CHANGED, null, List.of(), Map.of("recordVersion", Integer.toString(e.version())));
    }

    /** One change event as it will be stored: id and time taken when the domain event was published. */
    private record Row(UUID id, ChangeType type, @Nullable SubjectId subject, List<String> purposes, String refs,
            Instant at) {
    }

    private void append(ChangeType type, @Nullable SubjectId subject, List<String> purposes, Map<String, String> refs) {
        pending.add(new Row(UUID.randomUUID(), type, subject, List.copyOf(purposes), JSON.writeValueAsString(refs),
                clock.instant()));
    }

    /**
     * Appends the events in one statement, in the order given (the feed's position follows it), and queues them for
     * the matching webhook subscriptions in one more statement; in the current transaction.
     */
    private void insertAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        jdbc.sql("""
                INSERT INTO changes_event (id, type, subject_id, purposes, refs, occurred_at)
                SELECT t.id, t.type, t.subject,
                       ARRAY(SELECT jsonb_array_elements_text(CAST(t.purposes AS jsonb))), CAST(t.refs AS jsonb),
                       CAST(t.at AS timestamptz)
                  FROM unnest(CAST(:ids AS uuid[]), CAST(:types AS text[]), CAST(:subjects AS uuid[]),
                              CAST(:purposes AS text[]), CAST(:refs AS text[]), CAST(:ats AS text[]))
                       WITH ORDINALITY AS t(id, type, subject, purposes, refs, at, n)
                 ORDER BY t.n""")
                .param("ids", ids).param("types", rows.stream().map(r -> r.type().name()).toArray(String[]::new))
                .param("subjects", rows.stream().map(r -> r.subject() == null ? null : r.subject().value())
                        .toArray(UUID[]::new))
                .param("purposes", rows.stream().map(r -> JSON.writeValueAsString(r.purposes())).toArray(String[]::new))
                .param("refs", rows.stream().map(Row::refs).toArray(String[]::new))
                .param("ats", rows.stream().map(r -> r.at().toString()).toArray(String[]::new)).update();
        webhooks.fanOut(List.of(ids));
    }
}
