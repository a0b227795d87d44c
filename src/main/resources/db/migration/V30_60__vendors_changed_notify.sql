-- Issue 28 item 5: the recipients the access export (and every text naming who receives data) says come from the
-- vendor register, which each node now caches (vendors.internal.RecipientsCache). Every write to the three tables that
-- statement is made of (vendors, agreements, transfers), by any path and on any node (the application, a cascade, a
-- hand-made fix), tells every node to forget its cache: a statement-level trigger sends a notification on the channel
-- the cache listens on, delivered when the writing transaction commits and never if it rolls back (PostgreSQL folds
-- the notifications of one transaction with the same payload into one). No row data is sent: the payload is empty.

CREATE FUNCTION vendors_changed_notify() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('vern_vendors_changed', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER vendors_vendor_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vendors_vendor
    FOR EACH STATEMENT EXECUTE FUNCTION vendors_changed_notify();
CREATE TRIGGER vendors_agreement_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vendors_agreement
    FOR EACH STATEMENT EXECUTE FUNCTION vendors_changed_notify();
CREATE TRIGGER vendors_transfer_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vendors_transfer
    FOR EACH STATEMENT EXECUTE FUNCTION vendors_changed_notify();
