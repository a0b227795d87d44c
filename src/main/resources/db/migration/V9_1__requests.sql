-- Data-subject request cases (issue 8). The requester's email address and own words are personal data:
-- they are stored only encrypted under the subject's data key (crypto module), and found through a blind index.
CREATE TABLE requests_case (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL,
    channel         text NOT NULL,
    status          text NOT NULL,
    subject_id      uuid NOT NULL,
    in_register     boolean NOT NULL,
    email_ct        bytea NOT NULL,
    email_index     bytea NOT NULL,
    details_ct      bytea,
    language        text NOT NULL,
    received_at     timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    extended_at     timestamptz,
    assignee        text,
    verified_at     timestamptz,
    verified_by     text,
    linked_to       uuid REFERENCES requests_case (id),
    closed_at       timestamptz,
    created_at      timestamptz NOT NULL,
    version         bigint NOT NULL DEFAULT 0
);
CREATE INDEX requests_case_open_due ON requests_case (due_at) WHERE closed_at IS NULL;
CREATE INDEX requests_case_match ON requests_case (email_index, kind) WHERE closed_at IS NULL;

-- The complete history of a case: no personal data (ids, actions, handler reasons).
CREATE TABLE requests_history (
    id       bigserial PRIMARY KEY,
    case_id  uuid NOT NULL REFERENCES requests_case (id),
    at       timestamptz NOT NULL,
    actor    text NOT NULL,
    action   text NOT NULL,
    detail   text
);
CREATE INDEX requests_history_case ON requests_history (case_id, id);

-- Internal notes, encrypted under the case subject's key.
CREATE TABLE requests_note (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES requests_case (id),
    author      text NOT NULL,
    body_ct     bytea NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX requests_note_case ON requests_note (case_id, created_at);

-- One-time verification codes (Art. 12(6)): only a hash, short-lived, single-use, few attempts.
CREATE TABLE requests_code (
    case_id     uuid PRIMARY KEY REFERENCES requests_case (id),
    code_hash   bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    int NOT NULL DEFAULT 0,
    used_at     timestamptz
);

-- Access exports are fetched behind verification; this records the window in which a download is allowed.
CREATE TABLE requests_delivery (
    case_id     uuid PRIMARY KEY REFERENCES requests_case (id),
    ready_at    timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
