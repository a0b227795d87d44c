-- Crypto module: the key store (wrapped per-subject data keys) in its own schema and role, and the
-- shred ledger in the main schema. The key store can later move to another database or a KMS by
-- configuration (vern.keys.db.*): only the role vern_key_store ever touches schema vern_keys.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vern_key_store') THEN
        CREATE ROLE vern_key_store NOLOGIN;
    END IF;
END
$$;

GRANT vern_key_store TO CURRENT_USER;

CREATE SCHEMA IF NOT EXISTS vern_keys;
REVOKE ALL ON SCHEMA vern_keys FROM PUBLIC;
REVOKE ALL ON SCHEMA vern_keys FROM vern_app;
GRANT USAGE ON SCHEMA vern_keys TO vern_key_store;

-- One data key per subject: a Tink AES256-GCM keyset encrypted by the master key (AEAD with the
-- subject id as associated data). No personal data: ids, ciphertext of key material, timestamps.
CREATE TABLE vern_keys.subject_key
(
    subject_id    UUID        NOT NULL PRIMARY KEY,
    key_id        UUID        NOT NULL UNIQUE,
    wrapped       BYTEA       NOT NULL,
    master_key_id BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    rewrapped_at  TIMESTAMPTZ
);
CREATE INDEX subject_key_by_master_key ON vern_keys.subject_key (master_key_id);

REVOKE ALL ON vern_keys.subject_key FROM PUBLIC;
REVOKE ALL ON vern_keys.subject_key FROM vern_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON vern_keys.subject_key TO vern_key_store;

-- Shred ledger: which subjects' keys were destroyed (ids only). It lives apart from the key table so
-- that a restore of an old key-store backup can be corrected by replaying it before serving.
-- Insert-only for the application role.
CREATE TABLE crypto_shred_ledger
(
    subject_id  UUID        NOT NULL PRIMARY KEY,
    key_id      UUID,
    shredded_at TIMESTAMPTZ NOT NULL
);
REVOKE UPDATE, DELETE, TRUNCATE ON crypto_shred_ledger FROM vern_app;
GRANT SELECT, INSERT ON crypto_shred_ledger TO vern_app;
