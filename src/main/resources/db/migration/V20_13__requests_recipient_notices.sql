-- GDPR Art. 19 (issue 20, item 4): every recipient (from the record of processing) of the purposes an erasure,
-- rectification or restriction affected becomes a notification task of the case. The handler settles each:
-- told, or not told because it proved impossible or would involve disproportionate effort (with the reason).
-- No personal data: recipient names are categories of recipient from the record; reasons are the handler's.
CREATE TABLE requests_recipient_notice (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES requests_case (id),
    position    int NOT NULL,
    name_nb     text NOT NULL,
    name_en     text NOT NULL,
    state       text NOT NULL CHECK (state IN ('OPEN', 'TOLD', 'IMPOSSIBLE', 'DISPROPORTIONATE')),
    reason      text,
    created_at  timestamptz NOT NULL,
    settled_at  timestamptz,
    settled_by  text,
    UNIQUE (case_id, name_nb),
    CHECK (state = 'OPEN' OR settled_at IS NOT NULL),
    CHECK (state IN ('OPEN', 'TOLD') OR reason IS NOT NULL)
);
CREATE INDEX requests_recipient_notice_open ON requests_recipient_notice (case_id) WHERE state = 'OPEN';

-- The answer to the person, held while a recipient's task or a connected system's step is open: the person is told
-- only once everything it reports has settled. The address and the text are encrypted under a key of their own
-- (the subject's key may already be destroyed by the erasure); the key is shredded once the answer is sent.
CREATE TABLE requests_held_answer (
    case_id              uuid PRIMARY KEY REFERENCES requests_case (id),
    language             text NOT NULL,
    mail_key             uuid NOT NULL,
    email_ct             bytea NOT NULL,
    effect_ct            bytea NOT NULL,
    answer_ct            bytea,
    certificate          text,
    certificate_pending  boolean NOT NULL,
    created_at           timestamptz NOT NULL
);
