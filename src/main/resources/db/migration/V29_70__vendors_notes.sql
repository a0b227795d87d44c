-- Issue 26, what was left of item 1: V26_20 wrote everything the old record said about a processor (its English
-- name, country, safeguard text, flags) into security_measures, which must say only the vendor's security measures
-- (Art. 28(1), Art. 32). The vendor gets a notes field for such provenance, and the text V26_20 wrote (marked
-- "Moved from the record of processing (version N, migration V26_20)") moves there word for word. Security
-- measures typed before the move stay where they were. The notice period and review dates V26_20 left empty stay
-- empty: the record never said them, so they are shown as not recorded and listed as gaps, never invented.

ALTER TABLE vendors_vendor ADD COLUMN notes TEXT NOT NULL DEFAULT '';

UPDATE vendors_vendor
   SET notes             = substr(security_measures,
                                  strpos(security_measures, 'Moved from the record of processing (version ')),
       security_measures = rtrim(substr(security_measures, 1,
                                        strpos(security_measures, 'Moved from the record of processing (version ') - 1),
                                 E' \n\r\t')
 WHERE strpos(security_measures, 'Moved from the record of processing (version ') > 0
   AND security_measures LIKE '%, migration V26\_20): %';
