-- Issue 21 (items 4, 5): consent proofs say why they were recorded (a click, or the browser's Global Privacy
-- Control signal), keep of the browser only its family and major version, and are deleted by the proof purge
-- when the retention rule of the record of processing says so.

ALTER TABLE website_consent
    ADD COLUMN reason TEXT NOT NULL DEFAULT 'CHOICE' CHECK (reason IN ('CHOICE', 'GPC'));
ALTER TABLE website_consent ALTER COLUMN reason DROP DEFAULT;

-- Proofs recorded before this version kept the User-Agent cut at 120 characters: reduce them to what is kept
-- from now on (browser family and major version, the rule of no.vern.website.internal.UserAgents, in the same
-- order: Edge and Opera also say "Chrome", Chrome also says "Safari").
ALTER TABLE website_consent DISABLE TRIGGER website_consent_append_only;
UPDATE website_consent
SET user_agent = coalesce(CASE
    WHEN user_agent ~ 'Edg(e|A|iOS)?/[0-9]'
        THEN 'Edge ' || substring(user_agent from 'Edg(?:e|A|iOS)?/([0-9]{1,4})(?![0-9])')::int
    WHEN user_agent ~ '(OPR|Opera)/[0-9]'
        THEN 'Opera ' || substring(user_agent from '(?:OPR|Opera)/([0-9]{1,4})(?![0-9])')::int
    WHEN user_agent ~ 'SamsungBrowser/[0-9]'
        THEN 'Samsung Internet ' || substring(user_agent from 'SamsungBrowser/([0-9]{1,4})(?![0-9])')::int
    WHEN user_agent ~ '(Firefox|FxiOS)/[0-9]'
        THEN 'Firefox ' || substring(user_agent from '(?:Firefox|FxiOS)/([0-9]{1,4})(?![0-9])')::int
    WHEN user_agent ~ '(HeadlessChrome|Chrome|Chromium|CriOS)/[0-9]'
        THEN 'Chrome ' || substring(user_agent from '(?:HeadlessChrome|Chrome|Chromium|CriOS)/([0-9]{1,4})(?![0-9])')::int
    WHEN user_agent ~ 'Version/[0-9]+[.0-9]* (Mobile/[^ ]+ )?Safari/'
        THEN 'Safari ' || substring(user_agent from 'Version/([0-9]{1,4})[.0-9]* (?:Mobile/[^ ]+ )?Safari/')::int
    END, 'other');
ALTER TABLE website_consent ENABLE TRIGGER website_consent_append_only;

-- Still append-only for the application: no UPDATE, no DELETE, no TRUNCATE. The one way a proof goes is the
-- purge function below (run by the scheduled proof purge), which deletes only proofs recorded before the
-- cut-off it is given, and only in the past.
CREATE OR REPLACE FUNCTION website_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'website_consent'
        AND coalesce(current_setting('vern.website_purge_before', true), '') <> ''
        AND OLD.at < current_setting('vern.website_purge_before')::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'consent proofs are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;

CREATE FUNCTION website_purge_consent_proofs(before TIMESTAMPTZ, batch INT) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS
$$
DECLARE
    deleted BIGINT;
BEGIN
    IF before IS NULL OR before > now() THEN
        RAISE EXCEPTION 'the purge cut-off must lie in the past';
    END IF;
    IF batch IS NULL OR batch < 1 THEN
        RAISE EXCEPTION 'the batch size must be positive';
    END IF;
    PERFORM set_config('vern.website_purge_before', before::text, true);
    DELETE FROM website_consent
    WHERE id IN (SELECT id FROM website_consent WHERE at < before ORDER BY at LIMIT batch);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('vern.website_purge_before', '', true);
    RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION website_purge_consent_proofs(TIMESTAMPTZ, INT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION website_purge_consent_proofs(TIMESTAMPTZ, INT) TO vern_app;

CREATE INDEX website_consent_at_idx ON website_consent (at);
