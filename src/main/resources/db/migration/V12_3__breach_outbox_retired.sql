-- Breach mail now goes through the shared outbox (shared_mail_outbox, V1_3), which holds a message only
-- encrypted and erases it once sent. The old table kept the officer's address and every message in plain
-- text, also after sending: it goes, with its job. A message the previous version still had to send is
-- not dropped silently: the migration stops and says so (start the previous version until its job
-- breach-outbox has sent it, or delete the row knowingly).
DO $$
DECLARE
    unsent BIGINT;
BEGIN
    SELECT count(*) INTO unsent FROM breach_outbox WHERE sent_at IS NULL AND attempts < 10;
    IF unsent > 0 THEN
        RAISE EXCEPTION 'breach_outbox still holds % unsent message(s): run the previous Vern version until its breach-outbox job has sent them, or drop them knowingly (DELETE FROM breach_outbox WHERE sent_at IS NULL)', unsent;
    END IF;
END
$$;

DROP TABLE breach_outbox;
DELETE FROM scheduled_tasks WHERE task_name = 'breach-outbox';
