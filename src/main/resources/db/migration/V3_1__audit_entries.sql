-- Audit log entries: insert-only for the application role (UPDATE/DELETE/TRUNCATE revoked and refused by trigger).
CREATE TABLE audit_entry
(
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    purpose     TEXT,
    targets     TEXT[]      NOT NULL DEFAULT '{}',
    request_id  TEXT
);
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM vern_app;

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
