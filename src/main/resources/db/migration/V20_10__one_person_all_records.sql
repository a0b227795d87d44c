-- Issue 20, item 5: one person, all records.
-- A subject merged into another (the same person held twice): the id is kept (history, audit, the
-- shred ledger), its records now live re-encrypted under the surviving subject, its key is destroyed.
ALTER TABLE register_subject ADD COLUMN merged_into UUID;
ALTER TABLE register_subject ADD COLUMN merged_at TIMESTAMPTZ;
CREATE INDEX register_subject_merged ON register_subject (merged_into) WHERE merged_into IS NOT NULL;

-- Every register subject a request acts on (all subjects found under the verified address), besides the
-- case's own key holder in requests_case.subject_id. Ids only.
CREATE TABLE requests_case_subject
(
    case_id    UUID        NOT NULL,
    subject_id UUID        NOT NULL,
    found_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, subject_id)
);
CREATE INDEX requests_case_subject_subject ON requests_case_subject (subject_id);

-- Consents carried over by a merge: a consent given under the merged subject is now held by the survivor,
-- so a withdrawal through an old receipt reaches the survivor. Ids only.
CREATE TABLE consent_subject_merge
(
    from_subject UUID PRIMARY KEY,
    into_subject UUID        NOT NULL,
    merged_at    TIMESTAMPTZ NOT NULL
);
