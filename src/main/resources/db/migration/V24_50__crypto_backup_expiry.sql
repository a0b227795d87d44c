-- Crypto module, issue 24 item 5: the backup log becomes the catalogue of backups and their expiry.
-- A backup row names its backup (the id in its files' headers), when its database snapshot was taken and
-- from when the restore refuses it. Rows written before have no expiry (their backups are refused).
ALTER TABLE crypto_backup_log
    ADD COLUMN backup_id  UUID,
    ADD COLUMN taken_at   TIMESTAMPTZ,
    ADD COLUMN expires_at TIMESTAMPTZ;

CREATE INDEX crypto_backup_log_taken ON crypto_backup_log (taken_at) WHERE kind = 'BACKUP' AND ok;
