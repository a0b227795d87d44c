-- What a company site's own scripts keep on the visitor's device (issue 21, item 3; ekomloven § 3-15): declared per
-- registered site by the privacy officer, so the cookie declaration (/site/cookies?site=, the policy's table) lists
-- them with provider, purpose, duration, party and category beside Vern's own entries. No personal data.
CREATE TABLE website_site_storage
(
    id           UUID PRIMARY KEY,
    site_id      UUID                     NOT NULL REFERENCES website_site (id),
    category     TEXT                     NOT NULL CHECK (category IN ('necessary', 'preferences', 'statistics')),
    type         TEXT                     NOT NULL CHECK (type IN ('cookie', 'localStorage')),
    name         TEXT                     NOT NULL CHECK (name ~ '^[A-Za-z0-9_.:-]{1,100}\*?$'),
    provider     TEXT                     NOT NULL CHECK (length(provider) BETWEEN 1 AND 100),
    lifetime     TEXT                     NOT NULL CHECK (lifetime IN ('FIXED', 'SESSION', 'UNTIL_WITHDRAWN')),
    max_age_days INTEGER CHECK ((lifetime = 'FIXED') = (max_age_days IS NOT NULL) AND (max_age_days IS NULL OR max_age_days BETWEEN 1 AND 3650)),
    first_party  BOOLEAN                  NOT NULL,
    purpose_nb   TEXT                     NOT NULL CHECK (length(purpose_nb) BETWEEN 1 AND 300),
    purpose_en   TEXT                     NOT NULL CHECK (length(purpose_en) BETWEEN 1 AND 300),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (site_id, type, name)
);
