-- Issue 25, items 1-2: staff sign in through the company's identity provider (OpenID Connect) and are
-- provisioned by it (SCIM 2.0).
--
-- An account that signs in through a provider has no password: password_hash becomes optional, and a NULL hash
-- never matches at the password form. sign_in_provider names the configured provider (vern.identity.oidc.<id>)
-- the account belongs to (NULL: a local account with a password); idp_subject is the provider's stable "sub"
-- for it. idp_username is the login name the provider knows the person by (its SCIM userName or the e-mail of
-- the first sign-in): staff account data kept to match a provisioned account with its first sign-in and to
-- answer the provider's SCIM filters (legal basis: administering the staff member's access, Art. 6(1)(b)/(f));
-- it is cleared when the provider deletes the account. It never appears in audit entries, logs or URLs.
-- scim_external_id is the provider's own id for the user; scim_deleted_at marks an account the provider deleted:
-- the row stays (disabled, without idp_* values) so its username is never given to someone else and the audit
-- trail that names it stays unambiguous.
ALTER TABLE identity_staff_user ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE identity_staff_user ADD COLUMN sign_in_provider TEXT CHECK (sign_in_provider ~ '^[a-z0-9][a-z0-9-]{0,39}$');
ALTER TABLE identity_staff_user ADD COLUMN idp_subject TEXT CHECK (length(idp_subject) BETWEEN 1 AND 255);
ALTER TABLE identity_staff_user ADD COLUMN idp_username TEXT CHECK (length(idp_username) BETWEEN 1 AND 320);
ALTER TABLE identity_staff_user ADD COLUMN scim_external_id TEXT CHECK (length(scim_external_id) BETWEEN 1 AND 255);
ALTER TABLE identity_staff_user ADD COLUMN scim_deleted_at TIMESTAMPTZ;
ALTER TABLE identity_staff_user ADD COLUMN last_login_provider TEXT;
CREATE UNIQUE INDEX identity_staff_user_idp_subject ON identity_staff_user (sign_in_provider, idp_subject)
    WHERE idp_subject IS NOT NULL;
CREATE UNIQUE INDEX identity_staff_user_idp_username ON identity_staff_user (lower(idp_username))
    WHERE idp_username IS NOT NULL;

-- SCIM groups as the provider pushes them; a group's display name maps to Vern roles by configuration
-- (vern.identity.scim.role-mapping), so membership decides the roles of provisioned accounts.
CREATE TABLE identity_scim_group
(
    id           UUID PRIMARY KEY,
    display_name TEXT        NOT NULL UNIQUE CHECK (length(display_name) BETWEEN 1 AND 200),
    external_id  TEXT CHECK (length(external_id) BETWEEN 1 AND 255),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE identity_scim_member
(
    group_id UUID NOT NULL REFERENCES identity_scim_group (id) ON DELETE CASCADE,
    user_id  UUID NOT NULL REFERENCES identity_staff_user (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
