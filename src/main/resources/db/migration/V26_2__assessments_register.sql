-- Impact assessments (issue 26 item 3, GDPR Art. 35): one screening per activity of the record,
-- and DPIAs kept as immutable versions.

CREATE TABLE assessments_screening
(
    activity_id  TEXT PRIMARY KEY,
    listed       TEXT[]      NOT NULL,
    criteria     TEXT[]      NOT NULL,
    note         TEXT        NOT NULL,
    screened_by  TEXT        NOT NULL,
    screened_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE assessments_dpia
(
    id          UUID PRIMARY KEY,
    activity_id TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE assessments_dpia_version
(
    dpia_id    UUID        NOT NULL REFERENCES assessments_dpia (id) ON DELETE CASCADE,
    version    INT         NOT NULL CHECK (version > 0),
    content    JSONB       NOT NULL,
    author     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (dpia_id, version)
);
