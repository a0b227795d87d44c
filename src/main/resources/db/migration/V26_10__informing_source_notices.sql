-- Art. 14 notices (issue 26 item 4): the information owed to a person whose data was obtained from someone else
-- (a customer's contact list, an import), scheduled within one month (Art. 14(3)(a)) or at first contact
-- (Art. 14(3)(b)), sent through the outbox, or not sent under an exemption recorded with its reason (Art. 14(5)).

-- One notice per subject and registration; the subject id leads the key (the register's rule for personal data).
CREATE TABLE informing_notice
(
    subject_id         UUID        NOT NULL,
    id                 UUID        NOT NULL,
    source             TEXT        NOT NULL,
    purpose_key        TEXT        NOT NULL,
    origin             TEXT,
    language           TEXT        NOT NULL CHECK (language IN ('nb', 'en')),
    obtained_at        TIMESTAMPTZ NOT NULL,
    send_at            TIMESTAMPTZ NOT NULL,
    deadline           TIMESTAMPTZ NOT NULL,
    sent_at            TIMESTAMPTZ,
    mail_reference     UUID,
    record_version     INT,
    text_sha256        TEXT,
    unreachable_at     TIMESTAMPTZ,
    exemption          TEXT,
    -- a per-person reason may name the person's circumstances: encrypted under the subject's key
    exemption_reason   BYTEA,
    exempted_by        TEXT,
    exempted_at        TIMESTAMPTZ,
    PRIMARY KEY (subject_id, id),
    CHECK (sent_at IS NULL OR exemption IS NULL)
);

CREATE INDEX informing_notice_due ON informing_notice (send_at) WHERE sent_at IS NULL AND exemption IS NULL
    AND unreachable_at IS NULL;
CREATE INDEX informing_notice_origin ON informing_notice (origin) WHERE origin IS NOT NULL;

-- An exemption for a whole import or list (Art. 14(5)); the reason is about the source, not a person.
CREATE TABLE informing_origin_exemption
(
    origin      TEXT PRIMARY KEY,
    exemption   TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    exempted_by TEXT        NOT NULL,
    exempted_at TIMESTAMPTZ NOT NULL
);
