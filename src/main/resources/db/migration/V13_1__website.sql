-- Website privacy (issue 12, S16-S19, ekomloven § 3-15): registered sites, consent proofs of the
-- cookie banner, and anonymous statistics. No table has a column for an IP address: visitors are
-- counted with a salted hash whose salt lives one day (website_salt) and is then deleted.

CREATE TABLE website_site
(
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL,
    origin     TEXT        NOT NULL UNIQUE,
    demo       BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);

-- Consent proofs (GDPR Art. 7(1): the controller must be able to demonstrate consent). Append-only:
-- a change of mind is a new row with the same consent_id.
CREATE TABLE website_consent
(
    id             UUID PRIMARY KEY,
    site_id        UUID        NOT NULL REFERENCES website_site (id),
    consent_id     UUID        NOT NULL,
    decision       TEXT        NOT NULL CHECK (decision IN ('ACCEPT_ALL', 'REJECT_ALL', 'CUSTOM')),
    purposes       TEXT[]      NOT NULL,
    gpc            BOOLEAN     NOT NULL,
    notice_version INT         NOT NULL,
    notice_sha256  TEXT        NOT NULL,
    language       TEXT        NOT NULL,
    user_agent     TEXT        NOT NULL,
    at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX website_consent_consent_idx ON website_consent (consent_id, at);
CREATE INDEX website_consent_site_at_idx ON website_consent (site_id, at);

REVOKE UPDATE, DELETE, TRUNCATE ON website_consent FROM vern_app;

CREATE FUNCTION website_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'consent proofs are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;
CREATE TRIGGER website_consent_append_only BEFORE UPDATE OR DELETE ON website_consent
    FOR EACH ROW EXECUTE FUNCTION website_refuse_change();
CREATE TRIGGER website_consent_no_truncate BEFORE TRUNCATE ON website_consent
    FOR EACH STATEMENT EXECUTE FUNCTION website_refuse_change();

-- One random salt per day (Europe/Oslo); the rotation job deletes every older one, so yesterday's
-- visitor hashes can no longer be recomputed from an IP address by anyone.
CREATE TABLE website_salt
(
    day  DATE PRIMARY KEY,
    salt BYTEA NOT NULL
);

-- Raw page views, kept a few days (vern.website.raw-retention) until aggregated. view_id is a
-- random id the script keeps in memory for one page view (never stored on the device).
CREATE TABLE website_pageview
(
    site_id         UUID        NOT NULL REFERENCES website_site (id),
    view_id         TEXT        NOT NULL,
    day             DATE        NOT NULL,
    path            TEXT        NOT NULL,
    referrer_domain TEXT,
    visitor_hash    BYTEA       NOT NULL,
    duration_ms     INT,
    at              TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, view_id)
);
CREATE INDEX website_pageview_day_idx ON website_pageview (day, site_id);

-- Daily aggregates, kept for trends; they hold counts only.
CREATE TABLE website_daily
(
    site_id           UUID   NOT NULL REFERENCES website_site (id),
    day               DATE   NOT NULL,
    path              TEXT   NOT NULL,
    views             BIGINT NOT NULL,
    visitors          BIGINT NOT NULL,
    timed_views       BIGINT NOT NULL,
    total_duration_ms BIGINT NOT NULL,
    PRIMARY KEY (site_id, day, path)
);

CREATE TABLE website_daily_total
(
    site_id           UUID   NOT NULL REFERENCES website_site (id),
    day               DATE   NOT NULL,
    views             BIGINT NOT NULL,
    visitors          BIGINT NOT NULL,
    timed_views       BIGINT NOT NULL,
    total_duration_ms BIGINT NOT NULL,
    PRIMARY KEY (site_id, day)
);

CREATE TABLE website_daily_referrer
(
    site_id         UUID   NOT NULL REFERENCES website_site (id),
    day             DATE   NOT NULL,
    referrer_domain TEXT   NOT NULL,
    views           BIGINT NOT NULL,
    PRIMARY KEY (site_id, day, referrer_domain)
);
