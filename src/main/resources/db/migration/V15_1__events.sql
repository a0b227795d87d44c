-- Event registration (issue 6, item 5; S5, S11). Events are not personal data; registrations hold
-- the subject id only (the person's data lives in the register under the purpose 'events').

CREATE TABLE events_event
(
    id              UUID PRIMARY KEY,
    title           TEXT                     NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    starts_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    place           TEXT                     NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
    capacity        INT                      NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    signup_deadline TIMESTAMP WITH TIME ZONE NOT NULL,
    ask_phone       BOOLEAN                  NOT NULL,
    ask_company     BOOLEAN                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      TEXT                     NOT NULL,
    purged_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX events_event_starts_idx ON events_event (starts_at);

CREATE TABLE events_registration
(
    id                UUID PRIMARY KEY,
    seq               BIGSERIAL                NOT NULL,
    event_id          UUID                     NOT NULL REFERENCES events_event (id),
    subject_id        UUID                     NOT NULL,
    -- HMAC blind index of (event, normalised email): one active sign-up per address and event.
    email_index       BYTEA                    NOT NULL,
    status            TEXT                     NOT NULL CHECK (status IN ('CONFIRMED', 'WAITING', 'CANCELLED')),
    language          TEXT                     NOT NULL CHECK (language IN ('nb', 'en')),
    crm_consent       BOOLEAN                  NOT NULL,
    newsletter_opt_in BOOLEAN                  NOT NULL,
    newsletter_notice_version INT,
    newsletter_notice_hash    TEXT,
    receipt_id        UUID                     NOT NULL,
    registered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    checked_in_at     TIMESTAMP WITH TIME ZONE,
    cancelled_at      TIMESTAMP WITH TIME ZONE,
    purged_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX events_registration_event_idx ON events_registration (event_id, status, seq);
CREATE INDEX events_registration_subject_idx ON events_registration (subject_id);
CREATE UNIQUE INDEX events_registration_active_email_idx ON events_registration (event_id, email_index)
    WHERE status <> 'CANCELLED';

-- The key that signs cancel links; one row shared by every node, created on first start.
CREATE TABLE events_link_key
(
    id         INT PRIMARY KEY CHECK (id = 1),
    secret     BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
REVOKE UPDATE, DELETE, TRUNCATE ON events_link_key FROM vern_app;
