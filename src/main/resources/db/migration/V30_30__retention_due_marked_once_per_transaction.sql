-- Issue 28 item 7: a retention_due row is marked ("look now", generation bumped) once per transaction, not once per
-- statement. The triggers of V28_30 are statement-level, so a transaction that writes a subject's records one
-- statement at a time (a JDBC batch, a merge copying record by record) marked the same row once per statement: 10,000
-- records made 10,000 versions of one row inside one transaction, each mark walking the versions before it (the
-- writes slowed quadratically: 12.8 s for 10,000 single-row inserts against a scratch copy of the tables), and the
-- next write to the subject (its erasure's first step among others) walked them once more before they were pruned.
--
-- A row this transaction has already marked (its current version is this transaction's and says "look now") is left
-- as it is: the first mark already bumped the generation, so a plan that read the row before this transaction still
-- cannot write its result back (DueDates.next compares generations), and the row says "look now" until the next plan.
-- A row this transaction wrote otherwise (a plan's write-back, due_from not the epoch) is marked as before.

CREATE OR REPLACE FUNCTION retention_due_records() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO retention_due (subject_id, purpose_key, due_from)
    SELECT DISTINCT n.subject_id, p.purpose_key, TIMESTAMPTZ 'epoch'
    FROM changed_records n CROSS JOIN LATERAL unnest(n.purposes) AS p(purpose_key)
    ORDER BY 1, 2
    ON CONFLICT (subject_id, purpose_key) DO UPDATE SET due_from = EXCLUDED.due_from,
        generation = retention_due.generation + 1
    WHERE NOT (retention_due.xmin = pg_current_xact_id()::xid AND retention_due.due_from = TIMESTAMPTZ 'epoch');
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION retention_due_subjects() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    FROM (SELECT DISTINCT id FROM changed_subjects) s
    WHERE d.subject_id = s.id
      AND NOT (d.xmin = pg_current_xact_id()::xid AND d.due_from = TIMESTAMPTZ 'epoch');
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION retention_due_consents() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    FROM (SELECT DISTINCT subject_id FROM changed_consents) c
    WHERE d.subject_id = c.subject_id
      AND NOT (d.xmin = pg_current_xact_id()::xid AND d.due_from = TIMESTAMPTZ 'epoch');
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION retention_due_clock_events() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    FROM (SELECT e.subject_id AS id FROM new_events e WHERE e.subject_id IS NOT NULL
          UNION
          SELECT s.id FROM new_events e JOIN register_subject s ON s.organisation_id = e.organisation_id
          WHERE e.organisation_id IS NOT NULL) t
    WHERE d.subject_id = t.id
      AND NOT (d.xmin = pg_current_xact_id()::xid AND d.due_from = TIMESTAMPTZ 'epoch');
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION retention_due_rules() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    WHERE d.purpose_key IN (SELECT DISTINCT purpose_key FROM new_rules)
      AND NOT (d.xmin = pg_current_xact_id()::xid AND d.due_from = TIMESTAMPTZ 'epoch');
    RETURN NULL;
END
$$;
