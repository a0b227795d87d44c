-- Issue 24, item 4. The hard lock after five wrong passwords is gone: failed logins are answered with a
-- progressive delay per IP and per typed username, kept in memory (identity.internal.FailureLimits), so the
-- stored failure count and lock end have no use any more.
ALTER TABLE identity_staff_user DROP COLUMN failed_logins;
ALTER TABLE identity_staff_user DROP COLUMN locked_until;

-- Optional second factor for staff (RFC 6238 TOTP). The shared secret is encrypted with the kernel's data key
-- (shared.KernelCipher, AES-GCM bound to category 'identity-totp-secret' and the user id), never stored plain.
-- confirmed_at is NULL while enrolment waits for the first code; the factor is in force only once confirmed.
-- last_step is the last 30-second step whose code was accepted: a code is never accepted twice.
CREATE TABLE identity_staff_totp
(
    user_id      UUID PRIMARY KEY REFERENCES identity_staff_user (id) ON DELETE CASCADE,
    secret       BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    last_step    BIGINT
);
