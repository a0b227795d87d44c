-- Issue 24: a new connector is inactive until the privacy officer approves it; only approved connectors join
-- requests. Connectors registered before this migration were already reaching cases: they stay active, and the
-- approval names the migration (not a person), so the register shows which ones nobody has reviewed.
ALTER TABLE connectors_connector ADD COLUMN approved_at TIMESTAMPTZ;
ALTER TABLE connectors_connector ADD COLUMN approved_by TEXT;
UPDATE connectors_connector SET approved_at = created_at, approved_by = 'system:migration-v24';
ALTER TABLE connectors_connector ADD CONSTRAINT connectors_connector_approval_complete
    CHECK ((approved_at IS NULL) = (approved_by IS NULL));
