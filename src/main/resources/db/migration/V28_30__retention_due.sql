-- Issue 28 item 8: the purge plans only what is due. One row per subject and purpose the subject holds records for:
-- due_from is the earliest instant at which the purge planner has anything to do for them (an item due, a notice
-- due, a consent that ended); NULL while no retention clock runs for them. The planner reads only rows with
-- due_from <= now, plans those subjects exactly as before, and writes back the next instant (or NULL).
--
-- The rows are kept at write time by the triggers below, in the writer's own transaction, whatever the code path
-- (register writes, imports, the consent ledger, clock events): anything that can bring a due date forward sets
-- due_from to the epoch ("look now"), and the next plan recomputes it. A row the planner looks at for nothing
-- costs one subject's planning; a row missing would hide a due item, so every trigger errs on the early side.
CREATE TABLE retention_due
(
    subject_id  UUID NOT NULL,
    purpose_key TEXT NOT NULL,
    due_from    TIMESTAMPTZ,
    -- bumped by every mark, so that a plan writes its result back only if nothing was marked meanwhile
    generation  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (subject_id, purpose_key)
);
CREATE INDEX retention_due_from ON retention_due (due_from, purpose_key, subject_id) WHERE due_from IS NOT NULL;

-- Every subject and purpose held today: looked at by the first plan (as every plan did before), then only when due.
INSERT INTO retention_due (subject_id, purpose_key, due_from)
SELECT DISTINCT r.subject_id, p.purpose_key, TIMESTAMPTZ 'epoch'
FROM register_record r CROSS JOIN LATERAL unnest(r.purposes) AS p(purpose_key)
ON CONFLICT DO NOTHING;

-- Records written or changed (new purpose, confirmed again, collected): their subject and purposes are looked at.
CREATE FUNCTION retention_due_records() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO retention_due (subject_id, purpose_key, due_from)
    SELECT DISTINCT n.subject_id, p.purpose_key, TIMESTAMPTZ 'epoch'
    FROM changed_records n CROSS JOIN LATERAL unnest(n.purposes) AS p(purpose_key)
    ORDER BY 1, 2
    ON CONFLICT (subject_id, purpose_key) DO UPDATE SET due_from = EXCLUDED.due_from,
        generation = retention_due.generation + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER retention_due_records_inserted AFTER INSERT ON register_record
    REFERENCING NEW TABLE AS changed_records FOR EACH STATEMENT EXECUTE FUNCTION retention_due_records();
CREATE TRIGGER retention_due_records_updated AFTER UPDATE ON register_record
    REFERENCING NEW TABLE AS changed_records FOR EACH STATEMENT EXECUTE FUNCTION retention_due_records();

-- A subject's own row changed (organisation, kinds, erasure): all its purposes are looked at.
CREATE FUNCTION retention_due_subjects() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    FROM (SELECT DISTINCT id FROM changed_subjects) s
    WHERE d.subject_id = s.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER retention_due_subjects_updated AFTER UPDATE ON register_subject
    REFERENCING NEW TABLE AS changed_subjects FOR EACH STATEMENT EXECUTE FUNCTION retention_due_subjects();

-- A consent given, renewed, withdrawn or expired (for any purpose: a rule may keep data "unless consent" to another).
CREATE FUNCTION retention_due_consents() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    FROM (SELECT DISTINCT subject_id FROM changed_consents) c
    WHERE d.subject_id = c.subject_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER retention_due_consents_inserted AFTER INSERT ON consent_state
    REFERENCING NEW TABLE AS changed_consents FOR EACH STATEMENT EXECUTE FUNCTION retention_due_consents();
CREATE TRIGGER retention_due_consents_updated AFTER UPDATE ON consent_state
    REFERENCING NEW TABLE AS changed_consents FOR EACH STATEMENT EXECUTE FUNCTION retention_due_consents();

-- A clock event: its subject's purposes, or every subject of its organisation (agreement ended).
CREATE FUNCTION retention_due_clock_events() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    FROM (SELECT e.subject_id AS id FROM new_events e WHERE e.subject_id IS NOT NULL
          UNION
          SELECT s.id FROM new_events e JOIN register_subject s ON s.organisation_id = e.organisation_id
          WHERE e.organisation_id IS NOT NULL) t
    WHERE d.subject_id = t.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER retention_due_clock_events_inserted AFTER INSERT ON retention_clock_event
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION retention_due_clock_events();

-- A new rule version: every subject holding records for its purpose is looked at.
CREATE FUNCTION retention_due_rules() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    WHERE d.purpose_key IN (SELECT DISTINCT purpose_key FROM new_rules);
    RETURN NULL;
END
$$;
CREATE TRIGGER retention_due_rules_inserted AFTER INSERT ON retention_rule_version
    REFERENCING NEW TABLE AS new_rules FOR EACH STATEMENT EXECUTE FUNCTION retention_due_rules();
