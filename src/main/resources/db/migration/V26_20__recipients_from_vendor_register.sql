-- Issue 26 item 1: the vendor register is the one source of the companies that receive data. The record of
-- processing kept its own recipients of kind PROCESSOR with an "agreement in place" flag, a country, a third-country
-- flag and a free-text safeguard; this moves every one of them into the vendor register (or links it to a vendor of
-- the same name), and writes a new record version without them. Nothing is lost:
--  * each processor recipient becomes (or joins) a vendor of role PROCESSOR naming the activities and their data
--    categories; its Norwegian name is the vendor's name;
--  * "agreement in place" becomes an agreement dated the day the record version said so, versioned
--    'record-v<N>', with no Art. 28(3) clause checked off (the record never said which): the register shows the
--    clauses as missing until someone records them;
--  * a third-country transfer to an ISO country code becomes a transfer with mechanism NONE (the record's free-text
--    safeguard named no Chapter V ground), so it is a record warning and blocks a new policy version until a
--    mechanism is chosen or the transfer is accepted with a reason;
--  * everything the record said (English name, country, safeguard text, the flags) is kept word for word in the
--    vendor's notes (security_measures), marked as moved from the record.
-- Recipients of kind CONTROLLER and AUTHORITY stay in the record (non-vendor recipients: the auditor, public
-- authorities), reduced to name and kind.
-- The demo seed of vendors (VendorSeed) runs only on a new installation: vendors_seed marks it done here when a
-- record exists already.

CREATE TABLE vendors_seed
(
    id        INT PRIMARY KEY CHECK (id = 1),
    done_at   TIMESTAMPTZ NOT NULL,
    how       TEXT        NOT NULL
);

DO
$$
    DECLARE
        latest     RECORD;
        rec        RECORD;
        vendor     UUID;
        notes      TEXT;
        new_doc    JSONB;
    BEGIN
        SELECT version, content, created_at INTO latest
          FROM processing_record_version ORDER BY version DESC LIMIT 1;
        IF NOT FOUND THEN
            RETURN;
        END IF;
        INSERT INTO vendors_seed (id, done_at, how) VALUES (1, now(), 'migrated from record version ' || latest.version);

        FOR rec IN
            SELECT r -> 'name' ->> 'nb'                                      AS name_nb,
                   array_agg(DISTINCT a ->> 'id')                            AS activities,
                   bool_or(coalesce((r ->> 'agreementInPlace')::boolean, false)) AS agreement,
                   jsonb_agg(r)                                              AS originals
              FROM jsonb_array_elements(latest.content -> 'activities') a,
                   jsonb_array_elements(coalesce(a -> 'recipients', '[]'::jsonb)) r
             WHERE r ->> 'kind' = 'PROCESSOR'
             GROUP BY r -> 'name' ->> 'nb'
            LOOP
                notes := 'Moved from the record of processing (version ' || latest.version || ', migration V26_20): '
                             || rec.originals::text;
                SELECT id INTO vendor FROM vendors_vendor WHERE name = rec.name_nb;
                IF vendor IS NULL THEN
                    vendor := gen_random_uuid();
                    INSERT INTO vendors_vendor (id, name, role, parent_id, joint_arrangement, activities, data_categories,
                                                security_measures, sub_notice_days, last_review, next_review, created_at,
                                                updated_at)
                    VALUES (vendor, rec.name_nb, 'PROCESSOR', NULL, NULL, rec.activities,
                            ARRAY(SELECT DISTINCT c
                                    FROM jsonb_array_elements(latest.content -> 'activities') a,
                                         jsonb_array_elements_text(a -> 'dataCategories') c
                                   WHERE a ->> 'id' = ANY (rec.activities)),
                            notes, NULL, NULL, NULL, now(), now());
                ELSE
                    UPDATE vendors_vendor
                       SET activities        = ARRAY(SELECT DISTINCT x FROM unnest(activities || rec.activities) x),
                           data_categories   = ARRAY(SELECT DISTINCT x FROM unnest(data_categories || ARRAY(
                                   SELECT c FROM jsonb_array_elements(latest.content -> 'activities') a,
                                                 jsonb_array_elements_text(a -> 'dataCategories') c
                                    WHERE a ->> 'id' = ANY (rec.activities))) x),
                           security_measures = CASE WHEN security_measures = '' THEN notes
                                                    ELSE security_measures || E'\n\n' || notes END,
                           updated_at        = now()
                     WHERE id = vendor;
                END IF;
                IF rec.agreement AND NOT EXISTS (SELECT 1 FROM vendors_agreement WHERE vendor_id = vendor) THEN
                    INSERT INTO vendors_agreement (id, vendor_id, version, signed_on, expires_on, clauses, created_by,
                                                   created_at)
                    VALUES (gen_random_uuid(), vendor, 'record-v' || latest.version, latest.created_at::date, NULL,
                            '{}', 'system:migration-V26_20', now());
                END IF;
                INSERT INTO vendors_transfer (id, vendor_id, country, mechanism, scc_module, dpf_certified_until,
                                              dpf_checked_on, derogation, tia_outcome, tia_on, supplementary_measures,
                                              accepted_reason, accepted_by, accepted_at, created_at, updated_at)
                SELECT gen_random_uuid(), vendor, upper(o ->> 'country'), 'NONE', NULL, NULL, NULL, NULL,
                       'NOT_ASSESSED', NULL, coalesce(o -> 'safeguard' ->> 'nb', ''), NULL, NULL, NULL, now(), now()
                  FROM (SELECT DISTINCT ON (upper(o ->> 'country')) o
                          FROM jsonb_array_elements(rec.originals) o
                         WHERE coalesce((o ->> 'thirdCountryTransfer')::boolean, false)
                           AND o ->> 'country' ~* '^[a-z]{2}$') t(o)
                 WHERE upper(o ->> 'country') NOT IN ('AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE',
                                                      'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT',
                                                      'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO')
                ON CONFLICT (vendor_id, country) DO NOTHING;
            END LOOP;

        -- The new version: the same record without processor recipients, the others reduced to name and kind.
        SELECT jsonb_set(latest.content, '{activities}', coalesce(jsonb_agg(
                jsonb_set(a, '{recipients}', coalesce((SELECT jsonb_agg(jsonb_build_object('name', r -> 'name', 'kind', r -> 'kind'))
                                                         FROM jsonb_array_elements(coalesce(a -> 'recipients', '[]'::jsonb)) r
                                                        WHERE r ->> 'kind' <> 'PROCESSOR'), '[]'::jsonb))
                ORDER BY ord), '[]'::jsonb))
          INTO new_doc
          FROM jsonb_array_elements(latest.content -> 'activities') WITH ORDINALITY AS x(a, ord);
        IF new_doc IS DISTINCT FROM latest.content THEN
            INSERT INTO processing_record_version (version, content, author, created_at, change_note)
            VALUES (latest.version + 1, new_doc, 'system:migration-V26_20', now(),
                    'Processors moved to the vendor register, which is now the one source of the companies that '
                        || 'receive data (with their agreements and transfers); the record keeps only non-vendor recipients');
        END IF;
    END
$$;
