-- Issue 19 point 9 (ADR 0040, fifth part): the search's probe (which kinds
-- have any match at all, app/models/search.server.ts, kindsMatching) must be
-- answered through the GIN indexes: for EXISTS the planner expects a rare
-- word to be found after a few rows and reads the table in order, which for
-- a word found nowhere is every row. It used to run in a transaction with
-- SET LOCAL enable_seqscan = off: four round trips (BEGIN, SET, SELECT,
-- COMMIT) on every search. This function runs one statement with that
-- setting for its own duration only (a function's SET clause), in one round
-- trip. The statement is the application's own text, never the reader's:
-- what the reader typed arrives only in `args`, which the statement reads
-- as $1[1], $1[2], ... (all text).
CREATE FUNCTION concord_by_index(statement text, args text[]) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET enable_seqscan = off
AS $$
DECLARE
  result jsonb;
BEGIN
  EXECUTE 'SELECT to_jsonb(s) FROM (' || statement || ') s' INTO result USING args;
  RETURN result;
END
$$;
