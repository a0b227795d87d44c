-- GDPR Art. 33(1): the reasons for a late notification are written before it is sent, so the draft
-- for Datatilsynet carries them.
ALTER TABLE breach ADD COLUMN delay_reasons text NOT NULL DEFAULT '';

-- The register's estimate of the people and records affected by the chosen activities is kept beside
-- the officer's own numbers (approx_subjects, approx_records) as a suggestion, never written over them.
ALTER TABLE breach ADD COLUMN estimated_subjects bigint;
ALTER TABLE breach ADD COLUMN estimated_records bigint;
ALTER TABLE breach ADD CONSTRAINT breach_estimate_not_negative
    CHECK ((estimated_subjects IS NULL OR estimated_subjects >= 0) AND (estimated_records IS NULL OR estimated_records >= 0));
