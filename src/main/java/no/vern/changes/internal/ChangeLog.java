package no.vern.changes.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends a change event for each domain event, synchronously and so in the transaction that publishes it: the
 * change and its event commit together or not at all (a crash between them cannot lose one or tell of one that
 * was rolled back). Only ids, purpose keys and versions are written. The event is queued for the matching webhook
 * subscriptions in the same transaction.
 */
@Component
class ChangeLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookOutbox webhooks;

    ChangeLog(JdbcClient jdbc, Clock clock, WebhookOutbox webhooks) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.webhooks = webhooks;
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

    private void append(ChangeType type, @Nullable SubjectId subject, List<String> purposes, Map<String, String> refs) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO changes_event (id, type, subject_id, purposes, refs, occurred_at)
                VALUES (:id, :type, :subject, :purposes, CAST(:refs AS jsonb), :at)""")
                .param("id", id).param("type", type.name())
                .param("subject", subject == null ? null : subject.value())
                .param("purposes", purposes.toArray(String[]::new)).param("refs", JSON.writeValueAsString(refs))
                .param("at", JdbcTime.param(clock.instant())).update();
        webhooks.fanOut(id);
    }
}
