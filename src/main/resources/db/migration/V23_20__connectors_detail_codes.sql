-- Issue 23 item 3: a step's outcome and a connector's last outcome are shown in the reader's language. Beside the
-- English detail (what the API reports) each row keeps the message code and its arguments (counts, an SQLSTATE, a
-- reason a handler wrote, a system's own technical message); no personal data, as before. Rows written before this
-- have no code: the console recognises the English texts earlier versions wrote (connectors.internal.StepDetail).
ALTER TABLE connectors_step
    ADD COLUMN detail_code TEXT,
    ADD COLUMN detail_args TEXT[];
ALTER TABLE connectors_connector
    ADD COLUMN last_detail_code TEXT,
    ADD COLUMN last_detail_args TEXT[];
