-- Identity: staff accounts, their roles, and API tokens (hashed at rest).

CREATE TABLE identity_staff_user
(
    id            UUID PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    password_hash TEXT        NOT NULL,
    enabled       BOOLEAN     NOT NULL DEFAULT TRUE,
    failed_logins INT         NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    last_login_at TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    version       BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE identity_staff_role
(
    user_id UUID NOT NULL REFERENCES identity_staff_user (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('PRIVACY_OFFICER', 'CASE_HANDLER', 'SALES', 'RECRUITER', 'MARKETING', 'AUDITOR')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE identity_api_token
(
    id           UUID PRIMARY KEY,
    name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    token_prefix TEXT        NOT NULL,
    token_hash   BYTEA       NOT NULL UNIQUE,
    scopes       TEXT[]      NOT NULL,
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);
