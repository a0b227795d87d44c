-- Audit log (S15, S20): insert-only, hash-chained, holds no personal data.
--
-- Writers insert into audit_entry in their own transaction (no global lock). A sealer appends one
-- row per entry to audit_seal, chaining hash = SHA-256(prev_hash || canonical(entry, chain_seq));
-- see no.vern.audit.internal.Canonical for the exact encoding. Neither table is ever updated:
-- the application role has no UPDATE/DELETE/TRUNCATE, and triggers refuse them for everyone else.

-- Ids come from an explicit sequence so that the writer can take its transaction id before its
-- entry id (JdbcAuditLog), which lets the sealer know when every lower id has settled.
CREATE SEQUENCE audit_entry_id_seq CACHE 1;

CREATE TABLE audit_entry
(
    id          BIGINT PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    purpose     TEXT,
    targets     TEXT[]      NOT NULL DEFAULT '{}',
    request_id  TEXT
);
ALTER SEQUENCE audit_entry_id_seq OWNED BY audit_entry.id;
CREATE INDEX audit_entry_occurred_at_idx ON audit_entry (occurred_at);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, id);
CREATE INDEX audit_entry_targets_idx ON audit_entry USING gin (targets);

-- One row per sealed entry, in chain order. chain_seq is dense (1, 2, 3, …); a gap is tampering.
CREATE TABLE audit_seal
(
    chain_seq BIGINT PRIMARY KEY,
    entry_id  BIGINT      NOT NULL UNIQUE,
    prev_hash BYTEA       NOT NULL,
    hash      BYTEA       NOT NULL,
    sealed_at TIMESTAMPTZ NOT NULL
);

-- One row per sealed batch: a compact record of the chain head that can be copied elsewhere.
CREATE TABLE audit_checkpoint
(
    last_seq  BIGINT PRIMARY KEY,
    first_seq BIGINT      NOT NULL,
    head_hash BYTEA       NOT NULL,
    sealed_at TIMESTAMPTZ NOT NULL
);

-- Every run of the verification (nightly, console, API), with the first broken link if any.
CREATE TABLE audit_verification
(
    id               BIGSERIAL PRIMARY KEY,
    verified_at      TIMESTAMPTZ NOT NULL,
    triggered_by     TEXT        NOT NULL,
    ok               BOOLEAN     NOT NULL,
    entries_checked  BIGINT      NOT NULL,
    broken_seq       BIGINT,
    broken_entry_id  BIGINT,
    broken_reason    TEXT,
    unsealed_overdue BIGINT      NOT NULL,
    duration_ms      BIGINT      NOT NULL
);
CREATE INDEX audit_verification_verified_at_idx ON audit_verification (verified_at);

REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_seal, audit_checkpoint, audit_verification FROM vern_app;

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_verification_append_only BEFORE UPDATE OR DELETE ON audit_verification
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_verification_no_truncate BEFORE TRUNCATE ON audit_verification
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
