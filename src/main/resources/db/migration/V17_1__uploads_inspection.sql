-- Outcome of each upload inspection (issue 15): counts for the security overview; no content, no names.
CREATE TABLE uploads_inspection (
    id           BIGSERIAL PRIMARY KEY,
    purpose      TEXT        NOT NULL,
    media_type   TEXT,
    size         BIGINT      NOT NULL,
    outcome      TEXT        NOT NULL CHECK (outcome IN ('accepted', 'refused')),
    reason       TEXT,
    scanned      BOOLEAN     NOT NULL,
    inspected_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX uploads_inspection_outcome ON uploads_inspection (outcome, scanned);
