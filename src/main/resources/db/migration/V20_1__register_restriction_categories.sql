-- Issue 20, items 2 and 3: a restriction has an id (API, console), an erasure under a legal duty keeps only the
-- categories the duty covers, each with its own law and release date (GDPR Art. 17(3)(b)), and lifting a
-- restriction is recorded with its reason and when the person was told (Art. 18(3)).
ALTER TABLE register_restriction ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE register_restriction ADD CONSTRAINT register_restriction_id_unique UNIQUE (id);

CREATE TABLE register_restriction_category (
    subject_id  uuid NOT NULL REFERENCES register_restriction (subject_id) ON DELETE CASCADE,
    purpose_key text NOT NULL,
    category    text NOT NULL,
    ground      text NOT NULL,
    release_on  date NOT NULL,
    PRIMARY KEY (subject_id, purpose_key, category)
);
CREATE INDEX register_restriction_category_release ON register_restriction_category (release_on);

-- Lifted restrictions (no personal data beyond the officer's reason, which is about the restriction).
CREATE TABLE register_restriction_lifted (
    subject_id   uuid NOT NULL,
    id           uuid NOT NULL,
    reason       text NOT NULL,
    told_at      timestamptz NOT NULL,
    lifted_at    timestamptz NOT NULL,
    by_actor     text NOT NULL,
    PRIMARY KEY (subject_id, id)
);
