-- The signed document of a data processing agreement (issue 26 item 1; GDPR Art. 28(3), (9): in writing), stored
-- after the upload gate (type from content, allowed types for contracts, virus scan). One per agreement; a new upload
-- replaces it. A contract between companies: not a person's data, stored as it came.
CREATE TABLE vendors_agreement_document
(
    agreement_id UUID PRIMARY KEY REFERENCES vendors_agreement (id) ON DELETE CASCADE,
    filename     TEXT        NOT NULL,
    media_type   TEXT        NOT NULL,
    size         BIGINT      NOT NULL,
    sha256       TEXT        NOT NULL,
    scanned      BOOLEAN     NOT NULL,
    content      BYTEA       NOT NULL,
    uploaded_by  TEXT        NOT NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL
);
