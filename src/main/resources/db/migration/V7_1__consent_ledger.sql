-- Consent ledger (issue 6): an append-only event log per subject x purpose and a projection of the
-- current state, written in the same transaction as each event. Ids and hashes only, no personal data.

CREATE TABLE consent_event
(
    id             BIGSERIAL PRIMARY KEY,
    subject_id     UUID                     NOT NULL,
    purpose_key    TEXT                     NOT NULL,
    type           TEXT                     NOT NULL CHECK (type IN ('GIVEN', 'WITHDRAWN', 'EXPIRED', 'RENEWED')),
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    channel        TEXT                     NOT NULL CHECK (channel IN ('WEB_FORM', 'EVENT_SIGNUP',
        'EMAIL_TO_PRIVACY_MAILBOX', 'PHONE', 'IMPORT', 'API', 'WITHDRAWAL_LINK', 'SYSTEM')),
    notice_version INT,
    notice_hash    TEXT CHECK (notice_hash IS NULL OR notice_hash ~ '^[0-9a-f]{64}$'),
    language       TEXT,
    recorded_by    TEXT                     NOT NULL,
    receipt_id     UUID UNIQUE,
    expires_at     TIMESTAMP WITH TIME ZONE,
    reason         TEXT CHECK (reason IS NULL OR length(reason) <= 500)
);
CREATE INDEX consent_event_subject_idx ON consent_event (subject_id, id);

-- Append-only for the application: corrections are new events, never edits (GDPR Art. 7(1): demonstrable).
REVOKE UPDATE, DELETE, TRUNCATE ON consent_event FROM vern_app;

CREATE TABLE consent_state
(
    subject_id  UUID                     NOT NULL,
    purpose_key TEXT                     NOT NULL,
    status      TEXT                     NOT NULL CHECK (status IN ('GIVEN', 'WITHDRAWN', 'EXPIRED', 'RENEWED')),
    since       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    receipt_id  UUID,
    PRIMARY KEY (subject_id, purpose_key)
);
CREATE INDEX consent_state_purpose_idx ON consent_state (purpose_key, status);
CREATE INDEX consent_state_expiry_idx ON consent_state (expires_at) WHERE expires_at IS NOT NULL;
REVOKE DELETE, TRUNCATE ON consent_state FROM vern_app;

-- The key that signs one-click withdrawal links; one row shared by every node, created on first start.
CREATE TABLE consent_link_key
(
    id         INT PRIMARY KEY CHECK (id = 1),
    secret     BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
REVOKE UPDATE, DELETE, TRUNCATE ON consent_link_key FROM vern_app;
