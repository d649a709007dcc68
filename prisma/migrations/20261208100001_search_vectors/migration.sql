-- Issue 19, points 8-9: one search over everything (ADR 0040,
-- app/models/search.server.ts). Each searchable table gets a stored,
-- generated tsvector of its titles (weight A) and the rest (weight D: descriptions, identifiers,
-- file names, also split at _ . and - so that a part of a name is a word), in every language the record has (its own text and
-- translations' en/ru/ko), parsed twice: with the 'simple' configuration
-- (any language, exact words, identifiers) and with 'russian' (Russian word
-- forms: "ценообразование" finds "ценообразования"). A GIN index on each
-- answers `searchVector @@ query` without reading every row; PostgreSQL keeps
-- the column up to date on every insert and update, so no trigger and no
-- second table. Prisma's schema cannot express a generated tsvector column;
-- prisma/schema.prisma names them in a comment, and the app only reads them in
-- raw SQL. The search model repeats the title expressions (search.server.ts
-- KINDS) for substring matching of Hangul; keep the two in step.

ALTER TABLE "Programme" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce("code", '') || ' ' || coalesce("iatiIdentifier", '') || ' ' || coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce("objectives", '')), 'D')
      || setweight(to_tsvector('russian'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce("code", '') || ' ' || coalesce("iatiIdentifier", '') || ' ' || coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '') || ' ' || coalesce("objectives", '')), 'D')) STORED;
CREATE INDEX "Programme_searchVector_idx" ON "Programme" USING GIN ("searchVector");

ALTER TABLE "Agreement" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce("reference", '') || ' ' || coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')
      || setweight(to_tsvector('russian'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce("reference", '') || ' ' || coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')) STORED;
CREATE INDEX "Agreement_searchVector_idx" ON "Agreement" USING GIN ("searchVector");

ALTER TABLE "Activity" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')
      || setweight(to_tsvector('russian'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')) STORED;
CREATE INDEX "Activity_searchVector_idx" ON "Activity" USING GIN ("searchVector");

ALTER TABLE "Deliverable" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')
      || setweight(to_tsvector('russian'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')) STORED;
CREATE INDEX "Deliverable_searchVector_idx" ON "Deliverable" USING GIN ("searchVector");

ALTER TABLE "Outcome" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, coalesce("text", '') || ' ' || coalesce(translations->'en'->>'text', '') || ' ' || coalesce(translations->'ru'->>'text', '') || ' ' || coalesce(translations->'ko'->>'text', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce("followUpNote", '')), 'D')
      || setweight(to_tsvector('russian'::regconfig, coalesce("text", '') || ' ' || coalesce(translations->'en'->>'text', '') || ' ' || coalesce(translations->'ru'->>'text', '') || ' ' || coalesce(translations->'ko'->>'text', '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce("followUpNote", '')), 'D')) STORED;
CREATE INDEX "Outcome_searchVector_idx" ON "Outcome" USING GIN ("searchVector");

ALTER TABLE "Indicator" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')
      || setweight(to_tsvector('russian'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')) STORED;
CREATE INDEX "Indicator_searchVector_idx" ON "Indicator" USING GIN ("searchVector");

ALTER TABLE "Organisation" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, coalesce("shortName", '') || ' ' || coalesce("fullName", '') || ' ' || coalesce(translations->'en'->>'fullName', '') || ' ' || coalesce(translations->'ru'->>'fullName', '') || ' ' || coalesce(translations->'ko'->>'fullName', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce("iatiRef", '') || ' ' || coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')
      || setweight(to_tsvector('russian'::regconfig, coalesce("shortName", '') || ' ' || coalesce("fullName", '') || ' ' || coalesce(translations->'en'->>'fullName', '') || ' ' || coalesce(translations->'ru'->>'fullName', '') || ' ' || coalesce(translations->'ko'->>'fullName', '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce("iatiRef", '') || ' ' || coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')) STORED;
CREATE INDEX "Organisation_searchVector_idx" ON "Organisation" USING GIN ("searchVector");

ALTER TABLE "Document" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce("originalName", '') || ' ' || regexp_replace(coalesce("originalName", ''), '[_.-]+', ' ', 'g') || ' ' || coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')
      || setweight(to_tsvector('russian'::regconfig, coalesce("title", '') || ' ' || coalesce(translations->'en'->>'title', '') || ' ' || coalesce(translations->'ru'->>'title', '') || ' ' || coalesce(translations->'ko'->>'title', '')), 'A') || setweight(to_tsvector('russian'::regconfig, coalesce("originalName", '') || ' ' || regexp_replace(coalesce("originalName", ''), '[_.-]+', ' ', 'g') || ' ' || coalesce("description", '') || ' ' || coalesce(translations->'en'->>'description', '') || ' ' || coalesce(translations->'ru'->>'description', '') || ' ' || coalesce(translations->'ko'->>'description', '')), 'D')) STORED;
CREATE INDEX "Document_searchVector_idx" ON "Document" USING GIN ("searchVector");

-- The text of stored files (text and CSV so far), for search: written by the
-- "document.text" job on upload and by the hourly "sweep.document-text" for
-- files stored before this migration.

CREATE TABLE "DocumentText" (
    "sha256" CHAR(64) NOT NULL,
    "text" TEXT NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "extractedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentText_pkey" PRIMARY KEY ("sha256")
);
ALTER TABLE "DocumentText" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
      to_tsvector('simple'::regconfig, "text") || to_tsvector('russian'::regconfig, "text")) STORED;
CREATE INDEX "DocumentText_searchVector_idx" ON "DocumentText" USING GIN ("searchVector");
