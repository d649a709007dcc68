-- Issue 19, points 8-9 (ADR 0040, second part): trigram matching and Latin
-- transliteration of Russian titles, next to the full-text "searchVector"
-- columns of migration 20261208100001.
--
-- pg_trgm is in PostgreSQL's contrib (Debian's postgresql package ships it)
-- and is a trusted extension since PostgreSQL 13, so the database owner may
-- create it; PGlite loads it from @electric-sql/pglite/contrib/pg_trgm
-- (app/db/pglite-extensions.mjs, passed wherever PGlite is opened).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Russian (Cyrillic) words in Latin letters, BGN/PCGN romanisation without
-- its positional rules (е is always e, ё is e, й y, х kh, ц ts, щ shch, ю yu,
-- я ya; ъ and ь dropped). Only Cyrillic words are kept (everything else
-- becomes a space), so Latin text is not stored twice. Trigram similarity
-- absorbs the other schemes' small differences (passport "ia"/"iu"/"i" for
-- я/ю/й, GOST "x"). IMMUTABLE: it only calls immutable built-ins, so a
-- generated column may use it.
CREATE FUNCTION concord_translit_ru(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT translate(
      replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
        regexp_replace(lower(t), '[^а-яё]+', ' ', 'g'),
        'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'),
        'ю', 'yu'), 'я', 'ya'), 'ё', 'e'), 'ъ', ''), 'ь', ''),
      'абвгдезийклмнопрстуфыэ', 'abvgdeziyklmnoprstufye')
  $$;

-- Per searchable table a stored, generated "searchText": its titles in every
-- language and its identifiers, lower-cased, then the Latin transliteration
-- of the Cyrillic title words; a GIN trigram index on it answers
-- `q <% "searchText"` (word similarity: typos, partial words, transliterated
-- Russian) and `"searchText" LIKE '%q%'` (identifier fragments such as
-- "KOR-20", short Hangul and Cyrillic fragments). Descriptions stay out: they
-- are long, would make every broad word a fuzzy match, and are found by the
-- full-text vector. app/models/search.server.ts reads it in raw SQL only.

ALTER TABLE "Programme" ADD COLUMN "searchText" text GENERATED ALWAYS AS (
      lower(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '') || ' ' || coalesce("code", '') || ' ' || coalesce("iatiIdentifier", '')) || ' ' || coalesce(concord_translit_ru(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), '')) STORED;
CREATE INDEX "Programme_searchText_trgm_idx" ON "Programme" USING GIN ("searchText" gin_trgm_ops);

ALTER TABLE "Agreement" ADD COLUMN "searchText" text GENERATED ALWAYS AS (
      lower(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '') || ' ' || coalesce("reference", '')) || ' ' || coalesce(concord_translit_ru(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), '')) STORED;
CREATE INDEX "Agreement_searchText_trgm_idx" ON "Agreement" USING GIN ("searchText" gin_trgm_ops);

ALTER TABLE "Activity" ADD COLUMN "searchText" text GENERATED ALWAYS AS (
      lower(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')) || ' ' || coalesce(concord_translit_ru(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), '')) STORED;
CREATE INDEX "Activity_searchText_trgm_idx" ON "Activity" USING GIN ("searchText" gin_trgm_ops);

ALTER TABLE "Deliverable" ADD COLUMN "searchText" text GENERATED ALWAYS AS (
      lower(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')) || ' ' || coalesce(concord_translit_ru(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), '')) STORED;
CREATE INDEX "Deliverable_searchText_trgm_idx" ON "Deliverable" USING GIN ("searchText" gin_trgm_ops);

ALTER TABLE "Outcome" ADD COLUMN "searchText" text GENERATED ALWAYS AS (
      lower(coalesce("text", '') || ' ' || coalesce(translations->'en'->>'text', '') || ' ' || coalesce(translations->'ru'->>'text', '') || ' ' || coalesce(translations->'ko'->>'text', '')) || ' ' || coalesce(concord_translit_ru(coalesce("text", '') || ' ' || coalesce(translations->'en'->>'text', '') || ' ' || coalesce(translations->'ru'->>'text', '') || ' ' || coalesce(translations->'ko'->>'text', '')), '')) STORED;
CREATE INDEX "Outcome_searchText_trgm_idx" ON "Outcome" USING GIN ("searchText" gin_trgm_ops);

ALTER TABLE "Indicator" ADD COLUMN "searchText" text GENERATED ALWAYS AS (
      lower(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')) || ' ' || coalesce(concord_translit_ru(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), '')) STORED;
CREATE INDEX "Indicator_searchText_trgm_idx" ON "Indicator" USING GIN ("searchText" gin_trgm_ops);

ALTER TABLE "Organisation" ADD COLUMN "searchText" text GENERATED ALWAYS AS (
      lower(coalesce("shortName", '') || ' ' || coalesce("fullName", '') || ' ' || coalesce(translations->'en'->>'fullName', '') || ' ' || coalesce(translations->'ru'->>'fullName', '') || ' ' || coalesce(translations->'ko'->>'fullName', '') || ' ' || coalesce("iatiRef", '')) || ' ' || coalesce(concord_translit_ru(coalesce("shortName", '') || ' ' || coalesce("fullName", '') || ' ' || coalesce(translations->'en'->>'fullName', '') || ' ' || coalesce(translations->'ru'->>'fullName', '') || ' ' || coalesce(translations->'ko'->>'fullName', '')), '')) STORED;
CREATE INDEX "Organisation_searchText_trgm_idx" ON "Organisation" USING GIN ("searchText" gin_trgm_ops);

ALTER TABLE "Document" ADD COLUMN "searchText" text GENERATED ALWAYS AS (
      lower(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '') || ' ' || coalesce("originalName", '') || ' ' || regexp_replace(coalesce("originalName", ''), '[_.-]+', ' ', 'g')) || ' ' || coalesce(concord_translit_ru(coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), '')) STORED;
CREATE INDEX "Document_searchText_trgm_idx" ON "Document" USING GIN ("searchText" gin_trgm_ops);

-- The new columns have no statistics until autovacuum gets to them; without
-- them the planner guesses that a trigram match is common and reads whole
-- tables (240 ms for one kind on the 22,000-activity copy instead of 0.1 ms).
ANALYZE "Programme", "Agreement", "Activity", "Deliverable", "Outcome", "Indicator", "Organisation", "Document";
