-- The outgoing-mail outbox of the shared kernel (OutgoingMail): one row per message, written in the
-- transaction of the change that causes it and sent after commit; the job mail-outbox retries failures
-- with back-off. A row is claimed (PENDING -> SENDING, committed) before the SMTP call and settled after
-- it; one left SENDING by a crash becomes UNCERTAIN and is never sent again (at most once per id).
-- Recipient, subject, body and headers are personal data: held only as one ciphertext (KernelCipher,
-- the crypto module's key), and erased from the row as soon as the message is settled. What stays is
-- ids, states, counts and times (no personal data), removed after vern.mail.keep-settled.
CREATE TABLE shared_mail_outbox
(
    id          UUID PRIMARY KEY,
    state       TEXT        NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN')),
    content     BYTEA,
    attempts    INT         NOT NULL DEFAULT 0,
    reason      TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    next_try_at TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT shared_mail_outbox_content_only_while_open
        CHECK ((state IN ('PENDING', 'SENDING')) = (content IS NOT NULL))
);
CREATE INDEX shared_mail_outbox_due ON shared_mail_outbox (next_try_at) WHERE state = 'PENDING';
CREATE INDEX shared_mail_outbox_sending ON shared_mail_outbox (updated_at) WHERE state = 'SENDING';
CREATE INDEX shared_mail_outbox_settled ON shared_mail_outbox (updated_at) WHERE state IN ('SENT', 'FAILED', 'UNCERTAIN');
