-- Issue 28 item 7: an erasure destroys the subject's key and finishes at once (indexes, history, event, audit);
-- the ciphertext rows it leaves, unreadable from that moment, are deleted by the erasure recovery job.
-- rows_deleted_at is when they were; NULL on an erased subject means the deletion is still to come.
ALTER TABLE register_subject ADD COLUMN rows_deleted_at TIMESTAMPTZ;
-- Every erasure completed before this migration deleted its rows in the same transaction.
UPDATE register_subject SET rows_deleted_at = erasure_completed_at WHERE erasure_completed_at IS NOT NULL;
CREATE INDEX register_subject_rows_to_delete ON register_subject (erasure_completed_at)
    WHERE erasure_completed_at IS NOT NULL AND rows_deleted_at IS NULL;
