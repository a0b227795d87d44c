-- Issue 25: a dead letter blocks the later events of its subject to the same subscription (order per subject holds
-- across a replay) until it is delivered by a replay or given up by hand: the new status DISCARDED.
ALTER TABLE changes_webhook_delivery DROP CONSTRAINT changes_webhook_delivery_status_check;
ALTER TABLE changes_webhook_delivery ADD CONSTRAINT changes_webhook_delivery_status_check
    CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD', 'DISCARDED'));
CREATE INDEX changes_webhook_delivery_blocking ON changes_webhook_delivery (subscription_id, order_key, tx, position)
    WHERE status = 'DEAD';
