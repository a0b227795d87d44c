-- Webhook delivery of change events (issue 25 item 3): subscriptions, their signing secrets (sealed by the kernel
-- cipher; during a rotation's overlap the old and the new secret both sign), an outbox fed from changes_event in the
-- event's own transaction, and a log of every attempt (status code, latency, error class; never a response body).
CREATE TABLE changes_webhook_subscription (
    id          uuid        PRIMARY KEY,
    url         text        NOT NULL,
    types       text[]      NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
COMMENT ON TABLE changes_webhook_subscription IS 'Webhook subscribers of change events (issue 25): a URL and event types';

CREATE TABLE changes_webhook_secret (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES changes_webhook_subscription ON DELETE CASCADE,
    sealed          bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    retires_at      timestamptz
);
CREATE INDEX changes_webhook_secret_subscription ON changes_webhook_secret (subscription_id);
COMMENT ON TABLE changes_webhook_secret IS 'Signing secrets (sealed); retires_at ends a rotated secret''s overlap';

CREATE TABLE changes_webhook_delivery (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES changes_webhook_subscription ON DELETE CASCADE,
    event_id        uuid        NOT NULL,
    tx              xid8        NOT NULL DEFAULT pg_current_xact_id(),
    position        bigint      NOT NULL,
    order_key       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    give_up_after   integer     NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    leased_until    timestamptz,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX changes_webhook_delivery_pending ON changes_webhook_delivery (subscription_id, order_key, tx, position)
    WHERE status = 'PENDING';
CREATE INDEX changes_webhook_delivery_due ON changes_webhook_delivery (tx, position) WHERE status = 'PENDING';
CREATE INDEX changes_webhook_delivery_dead ON changes_webhook_delivery (dead_at) WHERE status = 'DEAD';
COMMENT ON TABLE changes_webhook_delivery IS 'Webhook outbox: one row per event and matching subscription, ordered per subject';

CREATE TABLE changes_webhook_attempt (
    delivery_id  uuid        NOT NULL REFERENCES changes_webhook_delivery ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    attempted_at timestamptz NOT NULL,
    status_code  integer,
    latency_ms   bigint      NOT NULL,
    error        text,
    PRIMARY KEY (delivery_id, attempt)
);
COMMENT ON TABLE changes_webhook_attempt IS 'Delivery log: status code, latency and error class of each attempt, never a body';
