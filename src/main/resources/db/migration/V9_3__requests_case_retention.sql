-- Storage limitation of the request cases themselves (GDPR Art. 5(1)(e)): some time after a case is closed its
-- personal data (the address, its blind index, the person's own words and the notes) is deleted, and only the
-- case's kind, dates, outcome and history remain as proof that it was answered. purged_at records when.
ALTER TABLE requests_case
    ALTER COLUMN email_ct DROP NOT NULL,
    ALTER COLUMN email_index DROP NOT NULL,
    ADD COLUMN purged_at timestamptz;
CREATE INDEX requests_case_purge_due ON requests_case (closed_at) WHERE closed_at IS NOT NULL AND purged_at IS NULL;
