-- Breach register (GDPR Art. 33(5), S21, S22): every breach is kept, notified or not.
-- Instants are timestamptz; the 72-hour clock is computed as real hours from aware_at.

CREATE TABLE breach
(
    id                  UUID PRIMARY KEY,
    receipt             TEXT        NOT NULL UNIQUE,
    title               TEXT        NOT NULL,
    channel             TEXT        NOT NULL,
    reported_by         TEXT        NOT NULL,
    reported_at         TIMESTAMPTZ NOT NULL,
    discovered_at       TIMESTAMPTZ,
    aware_at            TIMESTAMPTZ NOT NULL,
    notify_authority_by TIMESTAMPTZ NOT NULL,
    what_happened       TEXT        NOT NULL DEFAULT '',
    how_it_arose        TEXT        NOT NULL DEFAULT '',
    main_cause          TEXT        NOT NULL DEFAULT '',
    period_from         TIMESTAMPTZ,
    period_to           TIMESTAMPTZ,
    activities          TEXT        NOT NULL DEFAULT '',
    data_categories     TEXT        NOT NULL DEFAULT '',
    subject_relation    TEXT        NOT NULL DEFAULT '',
    approx_subjects     BIGINT,
    approx_records      BIGINT,
    data_location       TEXT        NOT NULL DEFAULT '',
    consequences        TEXT        NOT NULL DEFAULT '',
    measures_taken      TEXT        NOT NULL DEFAULT '',
    measures_planned    TEXT        NOT NULL DEFAULT '',
    risk                TEXT,
    risk_reasoning      TEXT        NOT NULL DEFAULT '',
    assessed_by         TEXT,
    assessed_at         TIMESTAMPTZ,
    notice_decision     TEXT,
    notice_reasoning    TEXT        NOT NULL DEFAULT '',
    public_notice       TEXT        NOT NULL DEFAULT '',
    -- Contact details a reporter chose to give (S22): personal data of the reporter, optional,
    -- used only for follow-up questions and erased when the breach is closed.
    reporter_contact    TEXT,
    closed_at           TIMESTAMPTZ,
    closed_by           TEXT,
    CONSTRAINT breach_risk_known CHECK (risk IS NULL OR risk IN ('NONE', 'RISK', 'HIGH_RISK'))
);
CREATE INDEX breach_open_idx ON breach (notify_authority_by) WHERE closed_at IS NULL;

-- Receipt numbers AVVIK-<year>-<n>, one sequence per year.
CREATE TABLE breach_receipt_counter
(
    year INT PRIMARY KEY,
    last INT NOT NULL
);

-- Notifications to Datatilsynet (Art. 33(1), 33(4): initial and follow-up phases).
CREATE TABLE breach_authority_notification
(
    id           UUID PRIMARY KEY,
    breach_id    UUID        NOT NULL REFERENCES breach (id),
    phase        TEXT        NOT NULL CHECK (phase IN ('INITIAL', 'FOLLOW_UP')),
    sent_at      TIMESTAMPTZ NOT NULL,
    reference    TEXT        NOT NULL DEFAULT '',
    delay_reason TEXT        NOT NULL DEFAULT '',
    recorded_by  TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX breach_authority_notification_breach_idx ON breach_authority_notification (breach_id);

-- Decisions and who made them (Art. 33(5)).
CREATE TABLE breach_decision
(
    id         UUID PRIMARY KEY,
    breach_id  UUID        NOT NULL REFERENCES breach (id),
    decided_at TIMESTAMPTZ NOT NULL,
    decided_by TEXT        NOT NULL,
    decision   TEXT        NOT NULL
);
CREATE INDEX breach_decision_breach_idx ON breach_decision (breach_id);

-- Affected data subjects, by opaque id only; keyed by subject first (distribution by subject).
CREATE TABLE breach_affected_subject
(
    subject_id      UUID        NOT NULL,
    breach_id       UUID        NOT NULL REFERENCES breach (id),
    source          TEXT        NOT NULL,
    linked_at       TIMESTAMPTZ NOT NULL,
    notice_status   TEXT,
    notified_at     TIMESTAMPTZ,
    notice_language TEXT,
    PRIMARY KEY (subject_id, breach_id)
);
CREATE INDEX breach_affected_subject_breach_idx ON breach_affected_subject (breach_id);

-- The timeline of everything done on a breach: append-only.
CREATE TABLE breach_event
(
    breach_id    UUID        NOT NULL REFERENCES breach (id),
    seq          INT         NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    details_json JSONB       NOT NULL DEFAULT '{}',
    PRIMARY KEY (breach_id, seq)
);
REVOKE UPDATE, DELETE, TRUNCATE ON breach_event FROM vern_app;

-- Escalations already enqueued (24 h and 60 h after awareness), so each is sent once.
CREATE TABLE breach_escalation
(
    breach_id   UUID        NOT NULL REFERENCES breach (id),
    after_hours INT         NOT NULL,
    enqueued_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (breach_id, after_hours)
);

-- Mail to the privacy officer, written in the transaction of the change and sent by a job.
CREATE TABLE breach_outbox
(
    id         UUID PRIMARY KEY,
    recipient  TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ,
    attempts   INT         NOT NULL DEFAULT 0,
    next_try_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX breach_outbox_unsent_idx ON breach_outbox (next_try_at) WHERE sent_at IS NULL;
