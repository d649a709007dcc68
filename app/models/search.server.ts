import { Prisma } from "@prisma/client";
import { programmeChildScopeSql, programmeScopeSql, type Scope } from "~/auth/scope.server";
import { narrative } from "~/i18n/narrative";
import type { Locale } from "~/i18n/locales";
import { prisma } from "~/utils/db.server";
import { SEARCH_GROUP_SIZE, SEARCH_KINDS, SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE, type SearchKind } from "~/utils/search";

export { parseSearchKind, SEARCH_KINDS, SEARCH_MAX_LENGTH, type SearchKind } from "~/utils/search";

// One search over everything (issue 19, points 8-9; ADR 0040). PostgreSQL's
// own full-text search and pg_trgm on both databases, no second engine:
// - each kind's table carries a stored, generated "searchVector" of its
//   titles and descriptions in every language, identifiers and file names
//   (migration 20261208100001), matched against websearch_to_tsquery, which
//   never raises a syntax error on user text, with a GIN index;
// - and a generated "searchText" (migration 20261209200001): titles,
//   identifiers and the Latin transliteration of Russian titles, lower-case,
//   with a trigram GIN index, matched by word similarity (typos, partial
//   words, "obuchenie" for "обучение") and as a substring (identifier
//   fragments "KOR-20", Hangul and Cyrillic fragments). Hangul queries are
//   also looked for inside descriptions (PostgreSQL has no Korean parser, and
//   Korean words carry particles: "심사평가원은").
// Every statement carries the same scope conditions as the pages
// (programmeScopeSql / programmeChildScopeSql), so a hit outside the reader's
// scope is never even counted; for partners and donors the programmes they
// see are listed first, so only those programmes' rows are matched.

export type SearchHit = { kind: SearchKind; id: string; title: string; context: string | null; href: string };
export type SearchResult = {
  q: string;
  kind: SearchKind | null;
  counts: Record<SearchKind, number>;
  /** One group per kind with hits (only the chosen kind when one is chosen). */
  groups: { kind: SearchKind; count: number; hits: SearchHit[] }[];
  page: number;
  pageCount: number;
};

export type SearchReader = { scope: Scope; locale: Locale };

/** The query as searched: whitespace collapsed, control characters dropped, cut to the length limit. */
export function normaliseQuery(raw: string | null | undefined): string {
  return (raw ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, SEARCH_MAX_LENGTH)
    .trim();
}

type Row = {
  id: string;
  title: string;
  lang: string | null;
  translations: unknown;
  context: string | null;
  code: string | null;
  rank: number;
  total: bigint | number;
};

type KindSql = {
  /** FROM ... (the record aliased r, its programme p where it has one). */
  from: Prisma.Sql;
  /** The descriptions and the rest (looked into for Hangul, which has no parser). */
  rest: Prisma.Sql;
  scope: (scope: Scope) => Prisma.Sql;
  /** A second line under the title (the programme code, an identifier). */
  context: Prisma.Sql;
  /** The programme id a row belongs to (for the visible-programmes prefilter). */
  programmeKey: Prisma.Sql;
  /** The titles one by one (an exact title match ranks first). */
  titleList: Prisma.Sql;
};

const descriptions = Prisma.raw(
  `concat_ws(' ', r.description, r.translations->'ru'->>'description', r.translations->'ko'->>'description', r.translations->'en'->>'description')`,
);
const titleList = (column: string) =>
  Prisma.raw(
    `ARRAY[lower(r."${column}"), lower(r.translations->'ru'->>'${column}'), lower(r.translations->'ko'->>'${column}'), lower(r.translations->'en'->>'${column}')]`,
  );
const inProgramme = (table: string) => Prisma.raw(`"${table}" r JOIN "Programme" p ON p.id = r."programmeId"`);
const child = (kind: "agreement" | "activity" | "deliverable" | "indicator" | "document") => (scope: Scope) =>
  programmeChildScopeSql(scope, kind, "r");

const KINDS: Record<SearchKind, KindSql> = {
  programme: {
    from: Prisma.raw(`"Programme" r JOIN "Programme" p ON p.id = r.id`),
    rest: Prisma.sql`concat_ws(' ', r.code, r."iatiIdentifier", ${descriptions}, r.objectives)`,
    scope: (scope) => programmeScopeSql(scope, "r"),
    context: Prisma.sql`r.code`,
    programmeKey: Prisma.sql`r.id`,
    titleList: titleList("title"),
  },
  agreement: {
    from: inProgramme("Agreement"),
    rest: Prisma.sql`concat_ws(' ', r.reference, ${descriptions})`,
    scope: child("agreement"),
    context: Prisma.sql`concat_ws(' · ', p.code, r.reference)`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
  },
  activity: {
    from: inProgramme("Activity"),
    rest: descriptions,
    scope: child("activity"),
    context: Prisma.sql`p.code`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
  },
  deliverable: {
    from: inProgramme("Deliverable"),
    rest: descriptions,
    scope: child("deliverable"),
    context: Prisma.sql`p.code`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
  },
  outcome: {
    from: Prisma.raw(`"Outcome" r JOIN "Activity" a ON a.id = r."activityId" JOIN "Programme" p ON p.id = a."programmeId"`),
    rest: Prisma.sql`coalesce(r."followUpNote", '')`,
    scope: (scope) => programmeChildScopeSql(scope, "outcome", "r"),
    context: Prisma.sql`p.code`,
    programmeKey: Prisma.sql`a."programmeId"`,
    titleList: titleList("text"),
  },
  indicator: {
    from: inProgramme("Indicator"),
    rest: descriptions,
    scope: child("indicator"),
    context: Prisma.sql`p.code`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
  },
  organisation: {
    from: Prisma.raw(`"Organisation" r LEFT JOIN "Programme" p ON FALSE`),
    rest: Prisma.sql`concat_ws(' ', r."iatiRef", ${descriptions})`,
    // Organisation pages are staff pages; partners and donors have none to open.
    scope: (scope) => (scope.kind === "staff" ? Prisma.sql`TRUE` : Prisma.sql`FALSE`),
    context: Prisma.sql`concat_ws(' · ', r."shortName", r."iatiRef")`,
    programmeKey: Prisma.sql`NULL`,
    titleList: Prisma.sql`ARRAY[lower(r."shortName")] || ${titleList("fullName")}`,
  },
  document: {
    // The file's extracted text (text and CSV files: document-text.server.ts), one row per content.
    from: Prisma.raw(`"Document" r JOIN "Programme" p ON p.id = r."programmeId" LEFT JOIN "DocumentText" dt ON dt.sha256 = r.sha256`),
    rest: Prisma.sql`concat_ws(' ', r."originalName", regexp_replace(r."originalName", '[_.-]+', ' ', 'g'), ${descriptions})`,
    scope: child("document"),
    context: Prisma.sql`concat_ws(' · ', p.code, r."originalName")`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
  },
};

/** A LIKE pattern matching `q` anywhere, with LIKE's own wildcards taken as text. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Hangul (and other CJK) text: PostgreSQL has no parser for it, so it is matched as a substring. */
const NEEDS_SUBSTRING = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]/;

/**
 * How a (lower-case) query is matched besides full-text search:
 * - `similar`: the words each a near match (word similarity) of the titles
 *   and identifiers, all of them: one word's typo or transliteration does not
 *   let the other words go ("study visit almaty" never finds every study
 *   visit). Words of one or two letters ("of", "и") are left to full-text
 *   search: their trigrams are in nearly every title. At most 8 words.
 * - `substring`: the whole query inside the titles and identifiers, from 3
 *   characters (the trigram index needs a trigram), or 2 Hangul syllables (a
 *   Korean word).
 */
export function trigramModes(lower: string): { similar: string[]; substring: boolean } {
  const letters = lower.replace(/\s+/g, "").length;
  // Words as pg_trgm sees them: runs of letters and digits ("kor-2019" is "kor" and "2019").
  const similar = lower.split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= 3).slice(0, 8);
  return { similar, substring: letters >= 3 || (NEEDS_SUBSTRING.test(lower) && letters >= 2) };
}

const TABLES: Record<SearchKind, string> = {
  programme: "Programme",
  agreement: "Agreement",
  activity: "Activity",
  deliverable: "Deliverable",
  outcome: "Outcome",
  indicator: "Indicator",
  organisation: "Organisation",
  document: "Document",
};

/**
 * The kinds whose titles or identifiers have a near miss for every word, in
 * any scope: one cheap statement (the trigram indexes alone, no scope to
 * plan), so that a query nothing resembles ("zzqxv") does not plan and run
 * the scoped near-miss statement eight times. Only decides which scoped
 * statements run; nothing of it is shown.
 */
async function kindsWithNearMisses(words: string[]): Promise<Set<SearchKind>> {
  const all = (table: string) =>
    Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(`"${table}"`)} r WHERE ${Prisma.join(words.map((word) => Prisma.sql`${word} <% r."searchText"`), " AND ")})`;
  const [row] = await prisma.$queryRaw<Record<SearchKind, boolean>[]>`
    SELECT ${Prisma.join(SEARCH_KINDS.map((k) => Prisma.sql`${all(TABLES[k])} AS ${Prisma.raw(`"${k}"`)}`))}`;
  return new Set(SEARCH_KINDS.filter((k) => row?.[k]));
}

/**
 * Ranking, one number per hit (higher first; then title, id):
 *  ts_rank of the full-text match (title words weigh more than the rest)
 *  + 0.75 when the titles or identifiers contain the query as written,
 *    else, among near misses, 0.5 x the query's word similarity to them
 *    (about 0.3-0.45 for a typo)
 *  + 2 when a title (in any language) is exactly the query,
 * so an exact title comes first, then titles containing the words, then
 * near misses, then matches in descriptions only. Hangul queries add 0.1 for
 * a match inside the description (unindexed, as before).
 *
 * Near misses (word similarity, `word <% "searchText"`) are looked for only
 * when nothing at all is found as written ("did you mean"): a common word's
 * trigrams are in thousands of titles, and checking the similarity of each
 * cost 80-95 ms per 22,000 activities, where the exact match costs 10-20 ms;
 * and looking for them beside exact hits doubled the statements of every
 * specific query. So "acreditation" finds "accreditation", and "health"
 * never also lists every "wealth".
 */
async function searchKind(
  reader: SearchReader,
  kind: SearchKind,
  q: string,
  limit: number,
  offset: number,
  nearMisses: boolean,
): Promise<{ count: number; hits: SearchHit[] }> {
  const k = KINDS[kind];
  // The stored "searchVector" (migration 20261208100001) holds the titles
  // (weight A) and the rest (D), parsed by 'simple' and by 'russian'; the
  // query is parsed the same two ways and either may match. Its GIN index
  // answers the match; ts_rank then weighs title hits above the rest.
  const query = Prisma.sql`(websearch_to_tsquery('simple', ${q}) || websearch_to_tsquery('russian', ${q}))`;
  const lower = q.toLowerCase();
  const modes = trigramModes(lower);
  // Hangul in descriptions: words carry particles ("심사평가원은"), so a
  // query is also looked for inside the text. That reads every row of the
  // kind in scope (descriptions have no trigram index), so only such queries
  // pay for it.
  const hangul = NEEDS_SUBSTRING.test(q);
  const like = containsPattern(lower);
  const titleField = kind === "organisation" ? Prisma.sql`r."fullName"` : kind === "outcome" ? Prisma.sql`r.text` : Prisma.sql`r.title`;
  // `word <% "searchText"`: word similarity at least pg_trgm's threshold (0.6), each word.
  const similar =
    modes.similar.length > 0
      ? Prisma.sql`OR (${Prisma.join(modes.similar.map((word) => Prisma.sql`${word} <% r."searchText"`), " AND ")})`
      : Prisma.empty;
  const contains = modes.substring ? Prisma.sql`OR r."searchText" LIKE ${like}` : Prisma.empty;
  // Partners and donors: the programmes they see, listed once (a few rows),
  // so the planner matches only those programmes' rows instead of checking
  // the scope on every row a broad word matches across the portfolio. The
  // scope condition itself still follows (it says more for partners: the
  // record's countries), so this is a prefilter that can only narrow.
  const visible =
    reader.scope.kind === "staff" || kind === "organisation"
      ? Prisma.empty
      : Prisma.sql`AND ${k.programmeKey} IN (SELECT vp.id FROM "Programme" vp WHERE ${programmeScopeSql(reader.scope, "vp")})`;
  const withNearMisses = nearMisses && modes.similar.length > 0;
  const statement = (take: number, skip: number) => prisma.$queryRaw<Row[]>`
    SELECT hit.*, count(*) OVER () AS total FROM (
      SELECT r.id, ${titleField} AS title, r.lang, r.translations, ${k.context} AS context,
        ${kind === "organisation" ? Prisma.sql`NULL` : Prisma.sql`p.code`} AS code,
        (ts_rank(r."searchVector", ${query})
          ${kind === "document" ? Prisma.sql`+ coalesce(ts_rank(dt."searchVector", ${query}), 0) / 2` : Prisma.empty}
          ${modes.substring ? Prisma.sql`+ CASE WHEN r."searchText" LIKE ${like} THEN 0.75 ELSE ${withNearMisses ? Prisma.sql`0.5 * word_similarity(${lower}, r."searchText")` : Prisma.sql`0`} END` : Prisma.empty}
          + CASE WHEN ${lower} = ANY(${k.titleList}) THEN 2 ELSE 0 END
          ${hangul ? Prisma.sql`+ CASE WHEN ${k.rest} ILIKE ${like} THEN 0.1 ELSE 0 END` : Prisma.empty})::float8 AS rank
      FROM ${k.from}
      WHERE ${k.scope(reader.scope)} ${visible}
        AND (r."searchVector" @@ ${query} ${withNearMisses ? similar : Prisma.empty} ${contains}
          ${kind === "document" ? Prisma.sql`OR dt."searchVector" @@ ${query}` : Prisma.empty}
          ${hangul ? Prisma.sql`OR ${k.rest} ILIKE ${like}` : Prisma.empty}
          ${hangul && kind === "document" ? Prisma.sql`OR dt.text ILIKE ${like}` : Prisma.empty})
    ) hit
    ORDER BY hit.rank DESC, hit.title, hit.id
    LIMIT ${take} OFFSET ${skip}`;
  // One statement gives the page and the count (a window over the matches);
  // at least one row is asked for so the count comes back with it.
  let rows = await statement(Math.max(limit, 1), offset);
  if (rows.length === 0 && offset > 0) rows = await statement(1, 0);
  const count = rows.length > 0 ? Number(rows[0].total) : 0;
  const page = count > offset ? rows.slice(0, limit) : [];
  return {
    count,
    hits: page.map((row) => ({
      kind,
      id: row.id,
      title: narrative(row, kind === "organisation" ? "fullName" : kind === "outcome" ? "text" : "title", row.title, reader.locale),
      context: row.context || null,
      href: hrefFor(reader.scope, kind, row),
    })),
  };
}

/** The record's page for the reader's role: staff the record pages, partners the portal, donors the programme page. */
function hrefFor(scope: Scope, kind: SearchKind, row: Row): string {
  const code = encodeURIComponent(row.code ?? "");
  if (scope.kind === "partner") {
    if (kind === "deliverable") return `/portal/deliverables/${row.id}`;
    if (kind === "outcome") return `/portal/outcomes/${row.id}`;
    return `/portal/programmes/${code}`;
  }
  if (scope.kind === "donor") return `/programmes/${code}`;
  switch (kind) {
    case "programme":
      return `/programmes/${code}`;
    case "agreement":
      return `/agreements/${row.id}`;
    case "activity":
      return `/activities/${row.id}`;
    case "deliverable":
      return `/deliverables/${row.id}`;
    case "outcome":
      return `/outcomes/${row.id}`;
    case "indicator":
      return `/indicators/${row.id}`;
    case "organisation":
      return `/organisations/${row.id}`;
    case "document":
      return `/documents/${row.id}`;
  }
}

/**
 * Searches every kind the reader may see for `rawQuery`: counts per kind, and
 * either the top hits of each kind or, when `kind` is given, that kind's
 * hits one page at a time. An empty query finds nothing (no statement runs).
 */
export async function search(
  reader: SearchReader,
  rawQuery: string | null | undefined,
  options: { kind?: SearchKind | null; page?: number } = {},
): Promise<SearchResult> {
  const q = normaliseQuery(rawQuery);
  const kind = options.kind ?? null;
  const counts = Object.fromEntries(SEARCH_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;
  if (q === "") return { q, kind, counts, groups: [], page: 1, pageCount: 0 };
  const requested = Math.max(1, Math.floor(options.page ?? 1) || 1);
  const searchKinds = (kinds: readonly SearchKind[], nearMisses: boolean) =>
    Promise.all(
      kinds.map(async (k) => {
        const offset = k === kind ? (requested - 1) * SEARCH_PAGE_SIZE : 0;
        const limit = kind ? (k === kind ? SEARCH_PAGE_SIZE : 0) : SEARCH_GROUP_SIZE;
        return [k, await searchKind(reader, k, q, limit, offset, nearMisses)] as const;
      }),
    );
  let results = await searchKinds(SEARCH_KINDS, false);
  // Nothing as written: near misses, in the kinds that have any at all.
  const words = trigramModes(q.toLowerCase()).similar;
  if (words.length > 0 && results.every(([, r]) => r.count === 0)) {
    const candidates = await kindsWithNearMisses(words);
    const found = new Map(await searchKinds(SEARCH_KINDS.filter((k) => candidates.has(k)), true));
    results = results.map(([k, r]) => [k, found.get(k) ?? r] as const);
  }
  for (const [k, r] of results) counts[k] = r.count;
  const groups = results
    .filter(([k, r]) => r.count > 0 && (kind === null || k === kind))
    .map(([k, r]) => ({ kind: k, count: r.count, hits: r.hits }));
  const pageCount = kind ? Math.ceil(counts[kind] / SEARCH_PAGE_SIZE) : groups.length > 0 ? 1 : 0;
  return { q, kind, counts, groups, page: kind ? requested : 1, pageCount };
}
