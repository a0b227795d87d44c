-- The reporter's contact (issue 14, rule 4: personal data is encrypted per subject) is stored encrypted
-- under a key of its own (the breach id stands for the reporter), which is shredded when the breach is
-- closed. The plain column is only read for rows reported before this migration.
ALTER TABLE breach ADD COLUMN reporter_contact_ct BYTEA;
