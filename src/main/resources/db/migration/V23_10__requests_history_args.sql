-- Case history lines are rendered from their action code and these arguments in the reader's language (issue 23
-- item 3). Rows written before this have no arguments (NULL): the console shows their action in words and the
-- stored English note as it was written.
ALTER TABLE requests_history ADD COLUMN args text[];
