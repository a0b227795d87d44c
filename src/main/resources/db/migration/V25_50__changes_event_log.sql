-- Change events for other systems (issue 25 item 3). Appended in the transaction that makes the change; read in
-- (tx, position) order, and only rows of transactions older than every running one, so that a reader that has
-- passed a point never finds an event appear before it later. Ids, purpose keys and versions only.
CREATE TABLE changes_event (
    id          uuid        PRIMARY KEY,
    tx          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    position    bigserial   NOT NULL UNIQUE,
    type        text        NOT NULL,
    subject_id  uuid,
    purposes    text[]      NOT NULL DEFAULT '{}',
    refs        jsonb       NOT NULL DEFAULT '{}',
    occurred_at timestamptz NOT NULL
);
CREATE INDEX changes_event_order ON changes_event (tx, position);
COMMENT ON TABLE changes_event IS 'Change events for subscribers (issue 25): opaque ids only, in commit-safe order';
