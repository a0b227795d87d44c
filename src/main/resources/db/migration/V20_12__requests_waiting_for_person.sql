-- A case waits for the person: Vern asked them to confirm their identity (GDPR Art. 12(6)) or to say what
-- the request covers (recital 63). One row while the case waits; when and why are also in the history.
CREATE TABLE requests_waiting (
    case_id       uuid PRIMARY KEY REFERENCES requests_case (id) ON DELETE CASCADE,
    reason        text NOT NULL CHECK (reason IN ('IDENTITY', 'SCOPE')),
    asked_at      timestamptz NOT NULL,
    resume_status text NOT NULL
);
