-- Crypto module, issue 15: when each master key became primary (key age, last rotation) and the
-- log of backups, restores and restore drills. Ids, counts and times only.
CREATE TABLE crypto_master_key
(
    key_id        BIGINT PRIMARY KEY,
    primary_since TIMESTAMPTZ NOT NULL,
    via_rotation  BOOLEAN     NOT NULL
);

CREATE TABLE crypto_backup_log
(
    id      BIGSERIAL PRIMARY KEY,
    kind    TEXT        NOT NULL CHECK (kind IN ('BACKUP', 'RESTORE', 'DRILL')),
    at      TIMESTAMPTZ NOT NULL,
    ok      BOOLEAN     NOT NULL,
    summary TEXT        NOT NULL
);
CREATE INDEX crypto_backup_log_kind ON crypto_backup_log (kind, at DESC);
