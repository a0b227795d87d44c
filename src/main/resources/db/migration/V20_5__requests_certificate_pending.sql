-- Issue 20 item 10: an erasure certificate certifies only what happened, so it is issued once the register step
-- and every connected system's ERASE and VERIFY_ERASED step have settled. Until then the case keeps what the
-- certificate will say about the register (no personal data) and the address to send it to, encrypted under a
-- key of its own (mail_key), which is crypto-shredded once the certificate is sent.
CREATE TABLE requests_certificate_pending (
    case_id     uuid PRIMARY KEY REFERENCES requests_case (id),
    content     text NOT NULL,
    language    text NOT NULL,
    mail_key    uuid NOT NULL,
    email_ct    bytea NOT NULL,
    created_at  timestamptz NOT NULL
);
