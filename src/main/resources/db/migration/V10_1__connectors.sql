-- Connectors (issue 9): the other systems that hold personal data, and the durable per-system steps of
-- request cases. No personal data in plain text: identifiers and collected data are SubjectCipher
-- ciphertexts; configuration holds secret references (env:/file:), never secrets.

CREATE TABLE connectors_connector (
    id              UUID PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    owner           TEXT NOT NULL,
    owner_email     TEXT,
    type            TEXT NOT NULL CHECK (type IN ('JDBC', 'WEBHOOK', 'MANUAL')),
    activity_ids    TEXT[] NOT NULL,
    config          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT NOT NULL,
    last_success_at TIMESTAMPTZ,
    last_failure_at TIMESTAMPTZ,
    last_detail     TEXT
);

-- The per-case data key (a SubjectCipher key under a synthetic id, shredded when the case data is discarded).
CREATE TABLE connectors_case_key (
    case_id      UUID PRIMARY KEY,
    key_subject  UUID NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    discarded_at TIMESTAMPTZ
);

-- One operation of a case: whom to look for (encrypted under the case key).
CREATE TABLE connectors_fanout (
    case_id      UUID NOT NULL,
    operation    TEXT NOT NULL,
    subject_id   UUID,
    purpose_keys TEXT[] NOT NULL,
    identifiers  BYTEA,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, operation)
);

CREATE TABLE connectors_step (
    id               UUID PRIMARY KEY,
    case_id          UUID NOT NULL,
    operation        TEXT NOT NULL,
    connector_id     UUID NOT NULL REFERENCES connectors_connector (id),
    system_name      TEXT NOT NULL,
    position         INT NOT NULL,
    state            TEXT NOT NULL,
    attempts         INT NOT NULL DEFAULT 0,
    detail           TEXT,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    lease_until      TIMESTAMPTZ,
    awaiting_since   TIMESTAMPTZ,
    task_token_hash  BYTEA,
    task_expires_at  TIMESTAMPTZ,
    waive_reason     TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (case_id, operation, connector_id),
    FOREIGN KEY (case_id, operation) REFERENCES connectors_fanout (case_id, operation)
);
CREATE INDEX connectors_step_due ON connectors_step (state, next_attempt_at);

-- What a step found (values encrypted under the subject's key or the case key).
CREATE TABLE connectors_collected (
    step_id     UUID PRIMARY KEY REFERENCES connectors_step (id),
    key_subject UUID NOT NULL,
    payload     BYTEA NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- Signatures of accepted webhook callbacks inside the replay window (an exact replay is refused).
CREATE TABLE connectors_callback_seen (
    signature TEXT PRIMARY KEY,
    seen_at   TIMESTAMPTZ NOT NULL
);
