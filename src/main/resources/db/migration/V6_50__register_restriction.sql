-- Restriction of processing (GDPR Art. 18), added by the requests issue (8): one row per restricted subject.
CREATE TABLE register_restriction (
    subject_id  uuid PRIMARY KEY,
    reason      text NOT NULL,
    release_on  date,
    since       timestamptz NOT NULL,
    by_actor    text NOT NULL
);
