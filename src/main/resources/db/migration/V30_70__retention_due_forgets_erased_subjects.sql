-- Issue 28 item 8: an erased subject's retention_due rows go when it is erased, in the erasing transaction.
--
-- Until now the subject trigger marked them "look now" like any other change of the subject's row, so the next plan
-- read every subject the last purge (or any erasure) had erased, found nothing held for it (the planner reads only
-- subjects that are not erased: RetentionQueries.heldFor) and forgot the rows then. The answer is the same; it is
-- now given at once, and a plan after a purge of 500 no longer reads those 500 subjects again. erased_at is never
-- set back, and nothing is written for an erased subject (the register refuses it: SubjectGone), so no row comes back
-- except through a write of its records, which the record triggers mark as before and the next plan forgets.
-- A plan that read such a row before the erasure writes nothing back: DueDates.next and forget match on the row.

CREATE OR REPLACE FUNCTION retention_due_subjects() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM retention_due d
    USING (SELECT DISTINCT id FROM changed_subjects WHERE erased_at IS NOT NULL) s
    WHERE d.subject_id = s.id;
    UPDATE retention_due d SET due_from = TIMESTAMPTZ 'epoch', generation = d.generation + 1
    FROM (SELECT DISTINCT id FROM changed_subjects WHERE erased_at IS NULL) s
    WHERE d.subject_id = s.id
      AND NOT (d.xmin = pg_current_xact_id()::xid AND d.due_from = TIMESTAMPTZ 'epoch');
    RETURN NULL;
END
$$;
