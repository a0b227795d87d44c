-- Register module (issue 4): data subjects, organisations (not personal data, plain), encrypted
-- personal-data records, blind indexes, attachments and change history. Every personal-data table
-- has the subject id as the leading primary-key column, so the register can be distributed by
-- subject (DESIGN.md, "Scaling out"). Values are ciphertexts under the subject's data key.

CREATE TABLE register_organisation
(
    id               UUID PRIMARY KEY,
    name             TEXT        NOT NULL,
    org_number       VARCHAR(9) UNIQUE,
    business_address TEXT,
    created_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE register_subject
(
    id                   UUID PRIMARY KEY,
    kinds                TEXT[]      NOT NULL,
    organisation_id      UUID REFERENCES register_organisation (id),
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    version              BIGINT      NOT NULL DEFAULT 1,
    erased_at            TIMESTAMPTZ,
    erasure_completed_at TIMESTAMPTZ
);
CREATE INDEX register_subject_organisation ON register_subject (organisation_id);
CREATE INDEX register_subject_listing ON register_subject (created_at, id) WHERE erased_at IS NULL;

CREATE TABLE register_record
(
    subject_id   UUID        NOT NULL REFERENCES register_subject (id),
    id           UUID        NOT NULL,
    category     TEXT        NOT NULL,
    ciphertext   BYTEA       NOT NULL,
    source       TEXT        NOT NULL,
    purposes     TEXT[]      NOT NULL,
    legal_basis  TEXT        NOT NULL,
    collected_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ NOT NULL,
    version      BIGINT      NOT NULL DEFAULT 1,
    PRIMARY KEY (subject_id, id)
);

-- Keyed hashes (HMAC, index key separate from the master key) of normalised emails and phones.
CREATE TABLE register_blind_index
(
    subject_id UUID  NOT NULL REFERENCES register_subject (id),
    kind       TEXT  NOT NULL,
    hash       BYTEA NOT NULL CHECK (octet_length(hash) = 16),
    PRIMARY KEY (subject_id, kind, hash)
);
CREATE INDEX register_blind_index_lookup ON register_blind_index (kind, hash);

-- CV files: encrypted bytes; nothing about the file name is stored.
CREATE TABLE register_attachment
(
    subject_id UUID        NOT NULL REFERENCES register_subject (id),
    id         UUID        NOT NULL,
    record_id  UUID        NOT NULL,
    media_type TEXT        NOT NULL,
    size       BIGINT      NOT NULL,
    ciphertext BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject_id, id)
);

-- Who changed which category when; never old or new values.
CREATE TABLE register_change
(
    subject_id UUID        NOT NULL,
    seq        BIGINT GENERATED ALWAYS AS IDENTITY,
    at         TIMESTAMPTZ NOT NULL,
    actor      TEXT        NOT NULL,
    category   TEXT        NOT NULL,
    change     TEXT        NOT NULL,
    PRIMARY KEY (subject_id, seq)
);

-- Idempotency-Key of create calls: keyed hashes only (the request holds personal data).
CREATE TABLE register_idempotency
(
    key_hash     BYTEA       NOT NULL PRIMARY KEY,
    request_hash BYTEA       NOT NULL,
    subject_id   UUID        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX register_idempotency_subject ON register_idempotency (subject_id);
