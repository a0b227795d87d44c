-- Retention module (issue 10; S13, S23; GDPR Art. 5(1)(e), Art. 25). Ids only: no personal data is
-- stored here (subjects and organisations are named by the register's opaque ids).

-- Rules per purpose x data category; every edit is a new version (the newest one applies).
CREATE TABLE retention_rule_version
(
    purpose_key    TEXT        NOT NULL,
    category       TEXT        NOT NULL,
    version        INT         NOT NULL,
    kind           TEXT        NOT NULL,
    amount         INT         NOT NULL CHECK (amount >= 0),
    unit           TEXT        NOT NULL,
    unless_consent TEXT,
    notice_days    INT         NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
    note           TEXT        NOT NULL DEFAULT '',
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (purpose_key, category, version)
);

-- Events that start a retention clock: agreement ended (organisation), recruitment closed, event held,
-- last activity, consent ended (subject).
CREATE TABLE retention_clock_event
(
    id              UUID PRIMARY KEY,
    kind            TEXT        NOT NULL,
    organisation_id UUID,
    subject_id      UUID,
    purpose_key     TEXT,
    occurred_at     TIMESTAMPTZ NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    recorded_by     TEXT        NOT NULL,
    CHECK (organisation_id IS NOT NULL OR subject_id IS NOT NULL)
);
CREATE INDEX retention_clock_event_subject ON retention_clock_event (subject_id, kind) WHERE subject_id IS NOT NULL;
CREATE INDEX retention_clock_event_org ON retention_clock_event (organisation_id, kind) WHERE organisation_id IS NOT NULL;

-- Legal holds: stop deletion of a subject, an organisation's subjects or a category until released.
CREATE TABLE retention_hold
(
    id              UUID PRIMARY KEY,
    scope           TEXT        NOT NULL,
    subject_id      UUID,
    organisation_id UUID,
    category        TEXT,
    reason          TEXT        NOT NULL,
    owner           TEXT        NOT NULL,
    review_on       DATE        NOT NULL,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    released_by     TEXT,
    released_at     TIMESTAMPTZ
);

-- Purge runs (dry or real) and what each found due; a real run's items are its progress record.
CREATE TABLE retention_run
(
    id          UUID PRIMARY KEY,
    dry_run     BOOLEAN     NOT NULL,
    status      TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    started_by  TEXT        NOT NULL,
    due_count   INT         NOT NULL DEFAULT 0,
    held_count  INT         NOT NULL DEFAULT 0,
    done_count  INT         NOT NULL DEFAULT 0,
    approved_by TEXT,
    approved_at TIMESTAMPTZ
);
-- At most one real run in progress across all nodes.
CREATE UNIQUE INDEX retention_run_one_active ON retention_run ((true)) WHERE NOT dry_run AND status = 'RUNNING';

CREATE TABLE retention_run_item
(
    run_id       UUID        NOT NULL REFERENCES retention_run (id),
    seq          INT         NOT NULL,
    subject_id   UUID        NOT NULL,
    purpose_key  TEXT        NOT NULL,
    category     TEXT        NOT NULL,
    rule_version INT         NOT NULL,
    kind         TEXT        NOT NULL,
    record_ids   UUID[]      NOT NULL,
    due_at       TIMESTAMPTZ NOT NULL,
    reason       TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    done_at      TIMESTAMPTZ,
    erased       INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX retention_run_item_pending ON retention_run_item (run_id, seq) WHERE status = 'PENDING';
CREATE INDEX retention_run_item_done ON retention_run_item (done_at) WHERE status = 'DONE';

-- Notices sent before deletion (e.g. candidates asked about the talent pool); one per subject x purpose x due date.
CREATE TABLE retention_notice
(
    id          UUID PRIMARY KEY,
    subject_id  UUID        NOT NULL,
    purpose_key TEXT        NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ,
    UNIQUE (subject_id, purpose_key, due_at)
);

-- Settings that must be shared by every node (e.g. the signing key of notice links).
CREATE TABLE retention_link_key
(
    id         INT PRIMARY KEY CHECK (id = 1),
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
