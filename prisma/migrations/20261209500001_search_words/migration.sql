-- Issue 19 point 9 (ADR 0040, third part): near misses through a word list,
-- as the PostgreSQL manual suggests (F.35 pg_trgm, "Text Search Integration"):
-- the distinct words of the searchable titles and identifiers (the
-- "searchText" columns of migration 20261209200001) with a trigram index. A
-- query word found nowhere is corrected to its most similar listed words,
-- then ONE full-text match runs with them, instead of a trigram scan of every
-- title of 22,000 activities.
--
-- "lexeme" is what the full-text vector holds for "word": the word itself,
-- or, for the Latin transliteration of a Russian word ("obucheniya"), the
-- Cyrillic word it came from ("обучения"), so "obuchenie" is corrected to a
-- word the "searchVector" of migration 20261208100001 contains. Not in
-- schema.prisma: only app/models/search.server.ts reads it, in raw SQL.
CREATE TABLE "SearchWord" (
  "word" text NOT NULL,
  "lexeme" text NOT NULL,
  CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word", "lexeme")
);
CREATE INDEX "SearchWord_word_trgm_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops);

-- The words of one "searchText", as the 'simple' configuration splits them
-- (the same lexemes the "searchVector" holds for titles), each with itself,
-- and each Cyrillic word also under its transliteration (concord_translit_ru,
-- migration 20261209200001).
CREATE FUNCTION concord_search_words(t text) RETURNS TABLE (word text, lexeme text)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT w, w FROM unnest(tsvector_to_array(to_tsvector('simple', t))) w
    UNION
    SELECT btrim(concord_translit_ru(w)), w FROM unnest(tsvector_to_array(to_tsvector('simple', t))) w
      WHERE w ~ '[а-яё]' AND btrim(concord_translit_ru(w)) <> ''
  $$;

-- Kept current by the write paths themselves: statement-level triggers on the
-- eight tables add the words of new and changed "searchText" values (one
-- INSERT per statement, so a 10,000-row import adds its words once). Words
-- are never removed by a write (a record renamed or deleted leaves its old
-- words: they only make a correction that then matches nothing, and the
-- list is never shown); concord_search_words_rebuild() rebuilds the list
-- from the tables when that is wanted. Sorted inserts: two transactions adding
-- the same new words wait for each other instead of deadlocking.
CREATE FUNCTION concord_search_words_added() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO "SearchWord" ("word", "lexeme")
      SELECT DISTINCT w.word, w.lexeme FROM new_rows n, concord_search_words(n."searchText") w
      ORDER BY 1, 2
      ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;
CREATE FUNCTION concord_search_words_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO "SearchWord" ("word", "lexeme")
      SELECT DISTINCT w.word, w.lexeme
        FROM new_rows n JOIN old_rows o ON o.id = n.id, concord_search_words(n."searchText") w
        WHERE o."searchText" IS DISTINCT FROM n."searchText"
      ORDER BY 1, 2
      ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;

CREATE FUNCTION concord_search_words_rebuild() RETURNS void
  LANGUAGE sql AS $$
    DELETE FROM "SearchWord";
    INSERT INTO "SearchWord" ("word", "lexeme")
      SELECT DISTINCT w.word, w.lexeme FROM (
        SELECT "searchText" FROM "Programme" UNION ALL SELECT "searchText" FROM "Agreement"
        UNION ALL SELECT "searchText" FROM "Activity" UNION ALL SELECT "searchText" FROM "Deliverable"
        UNION ALL SELECT "searchText" FROM "Outcome" UNION ALL SELECT "searchText" FROM "Indicator"
        UNION ALL SELECT "searchText" FROM "Organisation" UNION ALL SELECT "searchText" FROM "Document"
      ) s, concord_search_words(s."searchText") w
      ON CONFLICT DO NOTHING;
  $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Programme', 'Agreement', 'Activity', 'Deliverable', 'Outcome', 'Indicator', 'Organisation', 'Document'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION concord_search_words_added()', t || '_search_words_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION concord_search_words_changed()', t || '_search_words_update', t);
  END LOOP;
END $$;

-- Hangul in descriptions: PostgreSQL has no Korean parser and Korean words
-- carry particles, so a Hangul query is also looked for inside the
-- descriptions (ILIKE). These trigram indexes answer it; the expressions are
-- exactly the ones app/models/search.server.ts writes (DESCRIPTIONS), with
-- `||` (immutable) rather than concat_ws (stable, not indexable).
CREATE INDEX "Agreement_descriptions_trgm_idx" ON "Agreement" USING GIN ((coalesce(description, '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', '')) gin_trgm_ops);
CREATE INDEX "Activity_descriptions_trgm_idx" ON "Activity" USING GIN ((coalesce(description, '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', '')) gin_trgm_ops);
CREATE INDEX "Deliverable_descriptions_trgm_idx" ON "Deliverable" USING GIN ((coalesce(description, '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', '')) gin_trgm_ops);
CREATE INDEX "Indicator_descriptions_trgm_idx" ON "Indicator" USING GIN ((coalesce(description, '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', '')) gin_trgm_ops);
CREATE INDEX "Organisation_descriptions_trgm_idx" ON "Organisation" USING GIN ((coalesce(description, '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', '')) gin_trgm_ops);
CREATE INDEX "Document_descriptions_trgm_idx" ON "Document" USING GIN ((coalesce(description, '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', '')) gin_trgm_ops);
CREATE INDEX "Programme_descriptions_trgm_idx" ON "Programme" USING GIN ((coalesce(description, '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(objectives, '')) gin_trgm_ops);
CREATE INDEX "Outcome_descriptions_trgm_idx" ON "Outcome" USING GIN ((coalesce("followUpNote", '')) gin_trgm_ops);

SELECT concord_search_words_rebuild();

-- Statistics for the planner (see migration 20261209200001): the list and
-- the new expression indexes.
ANALYZE "SearchWord", "Programme", "Agreement", "Activity", "Deliverable", "Outcome", "Indicator", "Organisation", "Document";
