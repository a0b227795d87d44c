package no.vern.connectors.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.requests.Operation;
import no.vern.requests.StepState;
import no.vern.requests.SystemStep;
import no.vern.shared.JdbcTime;

/**
 * The durable state of fan-outs and their per-system steps, the per-case keys and the encrypted collected
 * data. A step is claimed with a lease ({@code FOR UPDATE SKIP LOCKED}), so several nodes and a restart
 * never run a finished step again; a step whose node died mid-run is picked up when its lease expires.
 */
@Repository
class Steps {

    /** A fan-out row: identifiers are ciphertext under the case key. */
    record FanOutRow(UUID caseId, Operation operation, @Nullable UUID subjectId, List<String> purposeKeys,
            byte @Nullable [] identifiers) {
    }

    /** A step with the internal fields the runner needs. */
    record Row(SystemStep step, int position, @Nullable Instant awaitingSince, byte @Nullable [] taskTokenHash,
            @Nullable Instant taskExpiresAt, @Nullable String waiveReason) {
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final JdbcClient jdbc;

    Steps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the fan-out unless it exists; true if this call created it. */
    boolean insertFanOut(UUID caseId, Operation operation, @Nullable UUID subject, List<String> purposeKeys, Instant now) {
        return jdbc.sql("""
                INSERT INTO connectors_fanout (case_id, operation, subject_id, purpose_keys, created_at)
                VALUES (:caseId, :operation, :subject, :purposes, :now) ON CONFLICT DO NOTHING""")
                .param("caseId", caseId).param("operation", operation.name()).param("subject", subject)
                .param("purposes", purposeKeys.toArray(String[]::new)).param("now", JdbcTime.param(now)).update() == 1;
    }

    /** A fan-out to insert (a case and operation): what {@link #insertFanOuts} takes. */
    record NewFanOut(UUID caseId, Operation operation, @Nullable UUID subject, List<String> purposeKeys) {
    }

    /**
     * {@link #insertFanOut} for many in one statement (issue 28 item 8); returns the keys ({@link #key}) of those this
     * call created.
     */
    java.util.Set<String> insertFanOuts(List<NewFanOut> fanOuts, Instant now) {
        if (fanOuts.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                INSERT INTO connectors_fanout (case_id, operation, subject_id, purpose_keys, created_at)
                SELECT t.c, t.o, t.s, ARRAY(SELECT jsonb_array_elements_text(CAST(t.p AS jsonb))), :now
                  FROM unnest(CAST(:cases AS uuid[]), CAST(:ops AS text[]), CAST(:subjects AS uuid[]), CAST(:purposes AS text[]))
                       WITH ORDINALITY AS t(c, o, s, p, n)
                 ORDER BY t.n
                ON CONFLICT DO NOTHING
                RETURNING case_id, operation""")
                .param("cases", fanOuts.stream().map(NewFanOut::caseId).toArray(UUID[]::new))
                .param("ops", fanOuts.stream().map(f -> f.operation().name()).toArray(String[]::new))
                .param("subjects", fanOuts.stream().map(NewFanOut::subject).toArray(UUID[]::new))
                .param("purposes", fanOuts.stream().map(f -> JSON.writeValueAsString(f.purposeKeys())).toArray(String[]::new))
                .param("now", JdbcTime.param(now))
                .query((rs, n) -> key(rs.getObject("case_id", UUID.class), Operation.valueOf(rs.getString("operation"))))
                .list());
    }

    /** The key of a fan-out in {@link #insertFanOuts}' answer. */
    static String key(UUID caseId, Operation operation) {
        return caseId + "/" + operation.name();
    }

    /** {@link #storeIdentifiers} for many fan-outs in one statement (ciphertexts in the order of the cases). */
    void storeIdentifiers(List<UUID> caseIds, List<Operation> operations, List<byte[]> ciphertexts) {
        if (caseIds.isEmpty()) {
            return;
        }
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        jdbc.sql("""
                UPDATE connectors_fanout f SET identifiers = decode(t.c, 'base64')
                  FROM unnest(CAST(:cases AS uuid[]), CAST(:ops AS text[]), CAST(:cs AS text[])) AS t(id, o, c)
                 WHERE f.case_id = t.id AND f.operation = t.o""")
                .param("cases", caseIds.toArray(UUID[]::new))
                .param("ops", operations.stream().map(Operation::name).toArray(String[]::new))
                .param("cs", ciphertexts.stream().map(base64::encodeToString).toArray(String[]::new)).update();
    }

    /** The case keys' synthetic subject ids of those of these cases that have one. */
    java.util.Map<UUID, UUID> caseKeys(java.util.Collection<UUID> caseIds) {
        java.util.Map<UUID, UUID> keys = new java.util.HashMap<>();
        if (caseIds.isEmpty()) {
            return keys;
        }
        jdbc.sql("SELECT case_id, key_subject FROM connectors_case_key WHERE case_id = ANY(:cases)")
                .param("cases", caseIds.stream().distinct().toArray(UUID[]::new))
                .query((java.sql.ResultSet rs) -> {
                    keys.put(rs.getObject("case_id", UUID.class), rs.getObject("key_subject", UUID.class));
                });
        return keys;
    }

    /** Stores these cases' keys unless a case has one already (then that one stays), in one statement; how many stored. */
    int insertCaseKeys(List<UUID> caseIds, List<UUID> keySubjects, Instant now) {
        if (caseIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                INSERT INTO connectors_case_key (case_id, key_subject, created_at)
                SELECT t.c, t.k, :now FROM unnest(CAST(:cases AS uuid[]), CAST(:keys AS uuid[])) AS t(c, k)
                ON CONFLICT DO NOTHING""")
                .param("cases", caseIds.toArray(UUID[]::new)).param("keys", keySubjects.toArray(UUID[]::new))
                .param("now", JdbcTime.param(now)).update();
    }

    void storeIdentifiers(UUID caseId, Operation operation, byte[] ciphertext) {
        jdbc.sql("UPDATE connectors_fanout SET identifiers = :c WHERE case_id = :caseId AND operation = :operation")
                .param("c", ciphertext).param("caseId", caseId).param("operation", operation.name()).update();
    }

    Optional<FanOutRow> fanOut(UUID caseId, Operation operation) {
        return jdbc.sql("SELECT * FROM connectors_fanout WHERE case_id = :caseId AND operation = :operation")
                .param("caseId", caseId).param("operation", operation.name())
                .query((rs, n) -> new FanOutRow(rs.getObject("case_id", UUID.class), Operation.valueOf(rs.getString("operation")),
                        rs.getObject("subject_id", UUID.class), Arrays.asList((String[]) rs.getArray("purpose_keys").getArray()),
                        rs.getBytes("identifiers")))
                .optional();
    }

    /** The case key's synthetic subject id, created once per case (concurrent first use creates one). */
    UUID caseKey(UUID caseId, Instant now) {
        jdbc.sql("INSERT INTO connectors_case_key (case_id, key_subject, created_at) VALUES (:caseId, :key, :now) ON CONFLICT DO NOTHING")
                .param("caseId", caseId).param("key", UUID.randomUUID()).param("now", JdbcTime.param(now)).update();
        return jdbc.sql("SELECT key_subject FROM connectors_case_key WHERE case_id = :caseId").param("caseId", caseId)
                .query(UUID.class).single();
    }

    Optional<UUID> existingCaseKey(UUID caseId) {
        return jdbc.sql("SELECT key_subject FROM connectors_case_key WHERE case_id = :caseId").param("caseId", caseId)
                .query(UUID.class).optional();
    }

    void markCaseKeyDiscarded(UUID caseId, Instant now) {
        jdbc.sql("UPDATE connectors_case_key SET discarded_at = :now WHERE case_id = :caseId AND discarded_at IS NULL")
                .param("caseId", caseId).param("now", JdbcTime.param(now)).update();
    }

    /** Cases whose steps are all settled and untouched since before the cut-off, and whose key still exists. */
    List<UUID> casesToDiscard(Instant before) {
        return jdbc.sql("""
                SELECT k.case_id FROM connectors_case_key k
                WHERE k.discarded_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM connectors_step s WHERE s.case_id = k.case_id
                                  AND (s.state NOT IN ('DONE', 'WAIVED') OR s.updated_at >= :before))
                  AND k.created_at < :before""").param("before", JdbcTime.param(before)).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    void insertStep(UUID id, UUID caseId, Operation operation, UUID connectorId, String system, int position, Instant now) {
        jdbc.sql("""
                INSERT INTO connectors_step (id, case_id, operation, connector_id, system_name, position, state,
                                             next_attempt_at, created_at, updated_at)
                VALUES (:id, :caseId, :operation, :connectorId, :system, :position, 'PENDING', :now, :now, :now)
                ON CONFLICT (case_id, operation, connector_id) DO NOTHING""")
                .param("id", id).param("caseId", caseId).param("operation", operation.name()).param("connectorId", connectorId)
                .param("system", system).param("position", position).param("now", JdbcTime.param(now)).update();
    }

    /** A step to insert: what {@link #insertSteps} takes. */
    record NewStep(UUID id, UUID caseId, Operation operation, UUID connectorId, String system, int position) {
    }

    /** {@link #insertStep} for many steps in one statement (issue 28 item 8). */
    void insertSteps(List<NewStep> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO connectors_step (id, case_id, operation, connector_id, system_name, position, state,
                                             next_attempt_at, created_at, updated_at)
                SELECT t.id, t.c, t.o, t.k, t.s, t.p, 'PENDING', :now, :now, :now
                  FROM unnest(CAST(:ids AS uuid[]), CAST(:cases AS uuid[]), CAST(:ops AS text[]), CAST(:connectors AS uuid[]),
                              CAST(:systems AS text[]), CAST(:positions AS int[])) WITH ORDINALITY AS t(id, c, o, k, s, p, n)
                 ORDER BY t.n
                ON CONFLICT (case_id, operation, connector_id) DO NOTHING""")
                .param("ids", rows.stream().map(NewStep::id).toArray(UUID[]::new))
                .param("cases", rows.stream().map(NewStep::caseId).toArray(UUID[]::new))
                .param("ops", rows.stream().map(r -> r.operation().name()).toArray(String[]::new))
                .param("connectors", rows.stream().map(NewStep::connectorId).toArray(UUID[]::new))
                .param("systems", rows.stream().map(NewStep::system).toArray(String[]::new))
                .param("positions", rows.stream().map(NewStep::position).toArray(Integer[]::new))
                .param("now", JdbcTime.param(now)).update();
    }

    /** The steps of many cases in one query, in {@link #ofCase(UUID, Operation)}'s order within each case. */
    List<Row> ofCases(java.util.Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT * FROM connectors_step WHERE case_id = ANY(:cases)
                 ORDER BY case_id, operation, position, system_name""")
                .param("cases", caseIds.stream().distinct().toArray(UUID[]::new)).query(Steps::map).list();
    }

    List<Row> ofCase(UUID caseId) {
        return jdbc.sql("SELECT * FROM connectors_step WHERE case_id = :caseId ORDER BY operation, position, system_name")
                .param("caseId", caseId).query(Steps::map).list();
    }

    List<Row> ofCase(UUID caseId, Operation operation) {
        return jdbc.sql("SELECT * FROM connectors_step WHERE case_id = :caseId AND operation = :op ORDER BY position, system_name")
                .param("caseId", caseId).param("op", operation.name()).query(Steps::map).list();
    }

    Optional<Row> find(UUID stepId) {
        return jdbc.sql("SELECT * FROM connectors_step WHERE id = :id").param("id", stepId).query(Steps::map).optional();
    }

    /** The last steps of a connector, newest first (console). */
    List<Row> recent(int limit) {
        return jdbc.sql("SELECT * FROM connectors_step ORDER BY updated_at DESC LIMIT :limit").param("limit", limit)
                .query(Steps::map).list();
    }

    /**
     * Claims due steps: pending ones whose time has come, running ones whose lease expired (the node died
     * mid-step) and webhook steps whose callback never came. Each claim counts as an attempt.
     */
    List<UUID> claimDue(Instant now, Instant leaseUntil, Instant awaitDeadline, int limit) {
        return jdbc.sql("""
                UPDATE connectors_step SET state = 'RUNNING', lease_until = :lease, awaiting_since = NULL,
                       attempts = attempts + 1, updated_at = :now
                WHERE id IN (SELECT id FROM connectors_step
                             WHERE (state = 'PENDING' AND next_attempt_at <= :now)
                                OR (state = 'RUNNING' AND awaiting_since IS NULL AND lease_until < :now)
                                OR (state = 'RUNNING' AND awaiting_since < :awaitDeadline)
                             ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id""")
                .param("now", JdbcTime.param(now)).param("lease", JdbcTime.param(leaseUntil))
                .param("awaitDeadline", JdbcTime.param(awaitDeadline)).param("limit", limit).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** Claims one step for an immediate run (retry, tests); false if it is not claimable now. */
    boolean claim(UUID stepId, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE connectors_step SET state = 'RUNNING', lease_until = :lease, awaiting_since = NULL,
                       attempts = attempts + 1, updated_at = :now
                WHERE id = :id AND (state = 'PENDING' OR (state = 'RUNNING' AND awaiting_since IS NULL AND lease_until < :now))""")
                .param("id", stepId).param("now", JdbcTime.param(now)).param("lease", JdbcTime.param(leaseUntil)).update() == 1;
    }

    /** Moves a step to a new state if it is still in one of the expected states; true if it moved. */
    boolean transition(UUID stepId, List<StepState> from, StepState to, @Nullable StepDetail detail, Instant now) {
        return detail(jdbc.sql("""
                UPDATE connectors_step SET state = :to, detail = :detail, detail_code = :code, detail_args = CAST(:args AS text[]),
                       lease_until = NULL, awaiting_since = NULL, updated_at = :now
                WHERE id = :id AND state IN (:from)"""), detail)
                .param("id", stepId).param("to", to.name()).param("now", JdbcTime.param(now))
                .param("from", from.stream().map(Enum::name).toList()).update() == 1;
    }

    /** Puts a failed attempt back in the queue for a later retry. */
    void reschedule(UUID stepId, StepDetail detail, Instant next, Instant now) {
        detail(jdbc.sql("""
                UPDATE connectors_step SET state = 'PENDING', detail = :detail, detail_code = :code,
                       detail_args = CAST(:args AS text[]), next_attempt_at = :next, lease_until = NULL,
                       awaiting_since = NULL, updated_at = :now WHERE id = :id AND state = 'RUNNING'"""), detail)
                .param("id", stepId).param("next", JdbcTime.param(next))
                .param("now", JdbcTime.param(now)).update();
    }

    /** A webhook accepted the request and will call back. */
    void awaitCallback(UUID stepId, StepDetail detail, Instant now) {
        detail(jdbc.sql("""
                UPDATE connectors_step SET awaiting_since = :now, lease_until = NULL, detail = :detail, detail_code = :code,
                       detail_args = CAST(:args AS text[]), updated_at = :now
                WHERE id = :id AND state = 'RUNNING'"""), detail)
                .param("id", stepId).param("now", JdbcTime.param(now)).update();
    }

    /** A manual task was sent: the step waits for the person (token hash only). */
    void awaitPerson(UUID stepId, byte[] tokenHash, Instant expires, StepDetail detail, Instant now) {
        detail(jdbc.sql("""
                UPDATE connectors_step SET state = 'WAITING_FOR_PERSON', task_token_hash = :hash, task_expires_at = :expires,
                       lease_until = NULL, detail = :detail, detail_code = :code, detail_args = CAST(:args AS text[]),
                       updated_at = :now WHERE id = :id AND state = 'RUNNING'"""), detail)
                .param("id", stepId).param("hash", tokenHash).param("expires", JdbcTime.param(expires))
                .param("now", JdbcTime.param(now)).update();
    }

    void waive(UUID stepId, String reason, Instant now) {
        detail(jdbc.sql("""
                UPDATE connectors_step SET state = 'WAIVED', waive_reason = :reason, detail = :detail, detail_code = :code,
                       detail_args = CAST(:args AS text[]), lease_until = NULL, awaiting_since = NULL,
                       updated_at = :now WHERE id = :id"""), StepDetail.waived(reason))
                .param("id", stepId).param("reason", reason).param("now", JdbcTime.param(now)).update();
    }

    /** Binds a detail's English text, message code and arguments (all null for none). */
    static JdbcClient.StatementSpec detail(JdbcClient.StatementSpec statement, @Nullable StepDetail detail) {
        return statement.param("detail", detail == null ? null : detail.english())
                .param("code", detail == null ? null : detail.code())
                .param("args", detail == null ? null : detail.args().toArray(String[]::new));
    }

    /** Makes a failed (or waiting) step due now again. */
    boolean requeue(UUID stepId, Instant now) {
        return jdbc.sql("""
                UPDATE connectors_step SET state = 'PENDING', next_attempt_at = :now, lease_until = NULL, awaiting_since = NULL,
                       task_token_hash = NULL, task_expires_at = NULL, updated_at = :now
                WHERE id = :id AND state IN ('FAILED', 'PENDING', 'WAITING_FOR_PERSON')""")
                .param("id", stepId).param("now", JdbcTime.param(now)).update() == 1;
    }

    void storeCollected(UUID stepId, UUID keySubject, byte[] payload, Instant now) {
        jdbc.sql("""
                INSERT INTO connectors_collected (step_id, key_subject, payload, created_at) VALUES (:id, :key, :payload, :now)
                ON CONFLICT (step_id) DO UPDATE SET key_subject = EXCLUDED.key_subject, payload = EXCLUDED.payload,
                       created_at = EXCLUDED.created_at""")
                .param("id", stepId).param("key", keySubject).param("payload", payload).param("now", JdbcTime.param(now)).update();
    }

    /** The encrypted payload of a step and the key subject it is under. */
    record Collected(UUID keySubject, byte[] payload) {
    }

    Optional<Collected> collected(UUID stepId) {
        return jdbc.sql("SELECT key_subject, payload FROM connectors_collected WHERE step_id = :id").param("id", stepId)
                .query((rs, n) -> new Collected(rs.getObject("key_subject", UUID.class), rs.getBytes("payload"))).optional();
    }

    /** Remembers an accepted callback signature; false if it was seen before (a replay). */
    boolean rememberSignature(String signature, Instant now) {
        return jdbc.sql("INSERT INTO connectors_callback_seen (signature, seen_at) VALUES (:s, :now) ON CONFLICT DO NOTHING")
                .param("s", signature).param("now", JdbcTime.param(now)).update() == 1;
    }

    int forgetSignatures(Instant before) {
        return jdbc.sql("DELETE FROM connectors_callback_seen WHERE seen_at < :before").param("before", JdbcTime.param(before)).update();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        StepDetail detail = StepDetail.read(rs.getString("detail"), rs.getString("detail_code"), rs.getArray("detail_args"));
        SystemStep step = new SystemStep(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getObject("connector_id", UUID.class), rs.getString("system_name"), Operation.valueOf(rs.getString("operation")),
                StepState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getString("detail"),
                JdbcTime.required(rs, "updated_at"), detail == null ? null : detail.code(),
                detail == null ? List.of() : detail.args());
        return new Row(step, rs.getInt("position"), JdbcTime.instant(rs, "awaiting_since"), rs.getBytes("task_token_hash"),
                JdbcTime.instant(rs, "task_expires_at"), rs.getString("waive_reason"));
    }
}
