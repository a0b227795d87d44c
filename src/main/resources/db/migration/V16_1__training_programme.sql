-- Security programme (issue 15): privacy trainings, completions, reminders, access reviews.
-- Staff are referenced by their opaque account id only (no names, no emails).

CREATE TABLE training_course
(
    id             UUID PRIMARY KEY,
    title          TEXT        NOT NULL,
    version        TEXT        NOT NULL,
    material_url   TEXT        NOT NULL,
    required_roles TEXT[]      NOT NULL,
    renewal_months INT         NOT NULL CHECK (renewal_months BETWEEN 1 AND 60),
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (title, version)
);

CREATE TABLE training_completion
(
    training_id  UUID        NOT NULL REFERENCES training_course (id),
    staff_id     UUID        NOT NULL,
    completed_on DATE        NOT NULL,
    recorded_by  TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (training_id, staff_id, completed_on)
);

-- One reminder of each kind (due soon, overdue) per staff member, training and due date: the daily
-- job is idempotent.
CREATE TABLE training_reminder
(
    training_id UUID        NOT NULL REFERENCES training_course (id),
    staff_id    UUID        NOT NULL,
    due_on      DATE        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('DUE_SOON', 'OVERDUE')),
    sent_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (training_id, staff_id, due_on, kind)
);

CREATE TABLE training_access_review
(
    period     TEXT PRIMARY KEY,
    due_on     DATE        NOT NULL,
    started_at TIMESTAMPTZ NOT NULL
);

-- The latest decision per item and review; grants holds what was confirmed, so a later change of
-- roles makes the item unreviewed again.
CREATE TABLE training_access_decision
(
    period     TEXT        NOT NULL REFERENCES training_access_review (period),
    kind       TEXT        NOT NULL CHECK (kind IN ('ACCOUNT', 'TOKEN')),
    target_id  UUID        NOT NULL,
    decision   TEXT        NOT NULL,
    grants     TEXT        NOT NULL,
    decided_by TEXT        NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (period, kind, target_id)
);
