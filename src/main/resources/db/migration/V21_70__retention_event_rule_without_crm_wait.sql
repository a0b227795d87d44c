-- Issue 21, item 7: the event purge is the retention rule of the purpose 'events' (12 months after the event).
-- The seeded rule waited while the participant had consented to the CRM dialogue ('prospect-dialogue'), but that
-- dialogue keeps its own copy under its own consent and rule; the event's records go after the event either way.
-- A new version (the history stays) for every category whose current rule is still the unchanged seed.
INSERT INTO retention_rule_version (purpose_key, category, version, kind, amount, unit, unless_consent, notice_days,
                                    note, created_by, created_at)
SELECT r.purpose_key, r.category, r.version + 1, r.kind, r.amount, r.unit, NULL, r.notice_days,
       '12 måneder etter arrangementet (S5); CRM-dialog og nyhetsbrev har egne samtykker og regler',
       'system:migration', now()
FROM (SELECT DISTINCT ON (purpose_key, category) *
      FROM retention_rule_version
      WHERE purpose_key = 'events'
      ORDER BY purpose_key, category, version DESC) r
WHERE r.kind = 'AFTER_EVENT'
  AND r.unless_consent = 'prospect-dialogue'
  AND r.created_by = 'system:retention-seed';
