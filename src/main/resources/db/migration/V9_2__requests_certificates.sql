-- Erasure certificates (verifiable erasure): the signed document (no personal data) and its hash.
CREATE TABLE requests_certificate (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES requests_case (id),
    body        text NOT NULL,
    signature   bytea NOT NULL,
    sha256      text NOT NULL,
    issued_at   timestamptz NOT NULL
);
CREATE INDEX requests_certificate_case ON requests_certificate (case_id);
