-- Record of processing activities (GDPR Art. 30): every change is a new, immutable version.
CREATE TABLE processing_record_version
(
    version     INTEGER PRIMARY KEY CHECK (version > 0),
    content     JSONB       NOT NULL,
    author      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    change_note TEXT        NOT NULL
);
-- Old versions stay readable exactly as they were: the application may only add versions.
REVOKE UPDATE, DELETE, TRUNCATE ON processing_record_version FROM vern_app;
