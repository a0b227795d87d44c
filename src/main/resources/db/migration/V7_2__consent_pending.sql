-- Data that arrives before consent (issue 6, item 3; S4, S5): held encrypted under the data key of a
-- pre-allocated subject id until the person consents (moved into the register) or the time runs out
-- (key shredded, ciphertext deleted). No plaintext personal data; the ciphertext columns are emptied
-- when the item leaves the pending state.

CREATE TABLE consent_pending
(
    id          UUID PRIMARY KEY,
    subject_id  UUID                     NOT NULL UNIQUE,
    purpose_key TEXT                     NOT NULL,
    status      TEXT                     NOT NULL CHECK (status IN ('PENDING', 'MOVED', 'DECLINED', 'PURGED')),
    language    TEXT                     NOT NULL CHECK (language IN ('nb', 'en')),
    payload     BYTEA,
    media_type  TEXT,
    attachment  BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  TEXT                     NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at TIMESTAMP WITH TIME ZONE,
    CHECK (status = 'PENDING' OR (payload IS NULL AND attachment IS NULL))
);
CREATE INDEX consent_pending_expiry_idx ON consent_pending (expires_at) WHERE status = 'PENDING';
REVOKE DELETE, TRUNCATE ON consent_pending FROM vern_app;
