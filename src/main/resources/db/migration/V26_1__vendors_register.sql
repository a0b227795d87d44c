-- Vendors (issue 26 items 1-2): processors, sub-processors, independent and joint controllers
-- (GDPR Arts. 26, 28), their data processing agreements and their transfers outside the EU/EEA
-- (Arts. 44-49). Companies, not people: names here are business names.

CREATE TABLE vendors_vendor
(
    id                    UUID PRIMARY KEY,
    name                  TEXT        NOT NULL,
    role                  TEXT        NOT NULL,
    parent_id             UUID REFERENCES vendors_vendor (id),
    joint_arrangement     TEXT,
    activities            TEXT[]      NOT NULL,
    data_categories       TEXT[]      NOT NULL,
    security_measures     TEXT        NOT NULL,
    sub_notice_days       INT CHECK (sub_notice_days BETWEEN 0 AND 365),
    last_review           DATE,
    next_review           DATE,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    UNIQUE (name)
);

-- Every agreement signed with a vendor; the newest by signing date is the one in force.
CREATE TABLE vendors_agreement
(
    id         UUID PRIMARY KEY,
    vendor_id  UUID        NOT NULL REFERENCES vendors_vendor (id) ON DELETE CASCADE,
    version    TEXT        NOT NULL,
    signed_on  DATE        NOT NULL,
    expires_on DATE,
    clauses    TEXT[]      NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (vendor_id, version)
);

CREATE TABLE vendors_transfer
(
    id                     UUID PRIMARY KEY,
    vendor_id              UUID        NOT NULL REFERENCES vendors_vendor (id) ON DELETE CASCADE,
    country                TEXT        NOT NULL,
    mechanism              TEXT        NOT NULL,
    scc_module             TEXT,
    dpf_certified_until    DATE,
    dpf_checked_on         DATE,
    derogation             TEXT,
    tia_outcome            TEXT        NOT NULL,
    tia_on                 DATE,
    supplementary_measures TEXT        NOT NULL,
    accepted_reason        TEXT,
    accepted_by            TEXT,
    accepted_at            TIMESTAMPTZ,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    UNIQUE (vendor_id, country)
);
