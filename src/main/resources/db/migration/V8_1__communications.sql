-- Communications (issue 7; S7, S26, markedsføringsloven § 15): mailing lists, campaigns, one delivery
-- row per campaign x subject (the outbox and the idempotency key), objections as events, and a
-- suppression list of keyed email hashes that outlives erasure. No plaintext personal data: subjects
-- by id, emails only as blind-index hashes (HMAC, 16 bytes).

CREATE TABLE communications_list
(
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    kind        TEXT        NOT NULL CHECK (kind IN ('NEWSLETTER', 'INVITATION')),
    purpose_key TEXT        NOT NULL,
    kinds       TEXT[]      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE communications_campaign
(
    id           UUID PRIMARY KEY,
    list_id      UUID        NOT NULL REFERENCES communications_list (id),
    subject_nb   TEXT        NOT NULL,
    subject_en   TEXT        NOT NULL,
    body_nb      TEXT        NOT NULL,
    body_en      TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('DRAFT', 'QUEUED', 'DONE')),
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    queued_at    TIMESTAMPTZ,
    completed_at TIMESTAMPTZ
);

-- The outbox: one row per campaign x subject (the primary key is the idempotency key). A row is
-- claimed (PENDING -> SENDING) in its own committed statement before the SMTP call and marked SENT
-- after it; a row left SENDING by a crash becomes UNCERTAIN and is never sent again (at most once).
CREATE TABLE communications_delivery
(
    campaign_id UUID        NOT NULL REFERENCES communications_campaign (id),
    subject_id  UUID        NOT NULL,
    state       TEXT        NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'SUPPRESSED', 'FAILED', 'UNCERTAIN')),
    reason      TEXT,
    language    TEXT,
    attempts    INT         NOT NULL DEFAULT 0,
    next_try_at TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,
    PRIMARY KEY (campaign_id, subject_id)
);
CREATE INDEX communications_delivery_due ON communications_delivery (next_try_at) WHERE state = 'PENDING';
CREATE INDEX communications_delivery_sending ON communications_delivery (updated_at) WHERE state = 'SENDING';
CREATE INDEX communications_delivery_sent ON communications_delivery (sent_at) WHERE sent_at IS NOT NULL;

-- Objections (S7, GDPR Art. 21(2)-(3)): append-only events; list_id NULL means "all lists".
CREATE TABLE communications_objection
(
    id         BIGSERIAL PRIMARY KEY,
    subject_id UUID        NOT NULL,
    list_id    UUID REFERENCES communications_list (id),
    channel    TEXT        NOT NULL CHECK (channel IN ('ONE_CLICK', 'PAGE', 'STAFF')),
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX communications_objection_subject ON communications_objection (subject_id);
REVOKE UPDATE, DELETE, TRUNCATE ON communications_objection FROM vern_app;

-- Keyed hashes of addresses never to mail again: scope '*' (everything) or a list id.
CREATE TABLE communications_suppression
(
    hash   BYTEA       NOT NULL CHECK (octet_length(hash) = 16),
    scope  TEXT        NOT NULL,
    reason TEXT        NOT NULL CHECK (reason IN ('OBJECTED', 'ERASED', 'BOUNCED')),
    at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (hash, scope, reason)
);

-- The language a person reads (nb or en); personal data of the slightest kind, erased with the subject.
CREATE TABLE communications_language
(
    subject_id UUID PRIMARY KEY,
    language   TEXT NOT NULL CHECK (language IN ('nb', 'en'))
);

-- Breach notices delivered by email (GDPR Art. 34), per person: ids and outcome only.
CREATE TABLE communications_breach_notice
(
    subject_id UUID        NOT NULL,
    breach_id  UUID        NOT NULL,
    outcome    TEXT        NOT NULL,
    language   TEXT,
    at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject_id, breach_id, at)
);

-- The key that signs unsubscribe links; one row shared by every node, created on first start.
CREATE TABLE communications_link_key
(
    id         INT PRIMARY KEY CHECK (id = 1),
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
REVOKE UPDATE, DELETE, TRUNCATE ON communications_link_key FROM vern_app;
