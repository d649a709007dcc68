import { Prisma } from "@prisma/client";
import { programmeChildScopeSql, programmeScopeSql, type Scope } from "~/auth/scope.server";
import { narrative } from "~/i18n/narrative";
import type { Locale } from "~/i18n/locales";
import { prisma } from "~/utils/db.server";
import { SEARCH_COUNT_CAP, SEARCH_GROUP_SIZE, SEARCH_KINDS, SEARCH_MAX_LENGTH, SEARCH_OVERVIEW_CAP, SEARCH_PAGE_SIZE, type SearchKind } from "~/utils/search";

export { parseSearchKind, SEARCH_COUNT_CAP, SEARCH_KINDS, SEARCH_MAX_LENGTH, type SearchKind } from "~/utils/search";

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
  /** Each count is exact up to its cap (SEARCH_COUNT_CAP for the chosen kind, else SEARCH_OVERVIEW_CAP). */
  caps: Record<SearchKind, number>;
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
  /** FROM ... (the record aliased r, its programme p where it has one): the page's rows, for their context. */
  from: Prisma.Sql;
  /**
   * FROM ... for finding the matches: the record alone (documents with their
   * text), since no scope condition reads another alias. Joining the
   * programme (and, for outcomes, all 22,000 activities, hashed) for every
   * match was most of a staff search's outcome statement.
   */
  match: Prisma.Sql;
  /** The descriptions (looked into for Hangul, which has no parser; trigram-indexed). */
  rest: Prisma.Sql;
  scope: (scope: Scope) => Prisma.Sql;
  /** A second line under the title (the programme code, an identifier). */
  context: Prisma.Sql;
  /** The programme id a row belongs to (for the visible-programmes prefilter), unless `inProgrammes` says it. */
  programmeKey?: Prisma.Sql;
  /** The titles one by one (an exact title match ranks first). */
  titleList: Prisma.Sql;
  /** Not archived (for partners and donors; the programme's own state is in its id list). */
  live: Prisma.Sql;
  /**
   * The row belongs to one of the listed programmes (`ids`: a text[]
   * parameter); `live`: and it is live (outcomes: their activity too).
   */
  inProgrammes?: (ids: string[], live: boolean) => Prisma.Sql;
};

// The descriptions in every language, written exactly as the trigram
// indexes of migration 20261209500001 are (immutable `||`, not concat_ws), so
// a Hangul query's ILIKE is answered by the index instead of reading every
// row in scope. Identifiers are in "searchText" (matched as a substring).
const DESCRIPTIONS = `coalesce(r.description, '') || ' ' || coalesce(r.translations->'ru'->>'description', '') || ' ' || coalesce(r.translations->'ko'->>'description', '') || ' ' || coalesce(r.translations->'en'->>'description', '')`;
const descriptions = Prisma.raw(`(${DESCRIPTIONS})`);
const titleList = (column: string) =>
  Prisma.raw(
    `ARRAY[lower(r."${column}"), lower(r.translations->'ru'->>'${column}'), lower(r.translations->'ko'->>'${column}'), lower(r.translations->'en'->>'${column}')]`,
  );
const inProgramme = (table: string) => Prisma.raw(`"${table}" r JOIN "Programme" p ON p.id = r."programmeId"`);
const alone = (table: string) => Prisma.raw(`"${table}" r`);
const child = (kind: "agreement" | "activity" | "deliverable" | "indicator" | "document") => (scope: Scope) =>
  programmeChildScopeSql(scope, kind, "r");

const KINDS: Record<SearchKind, KindSql> = {
  programme: {
    from: Prisma.raw(`"Programme" r JOIN "Programme" p ON p.id = r.id`),
    match: alone("Programme"),
    rest: Prisma.raw(`(${DESCRIPTIONS} || ' ' || coalesce(r.objectives, ''))`),
    scope: (scope) => programmeScopeSql(scope, "r"),
    context: Prisma.sql`r.code`,
    programmeKey: Prisma.sql`r.id`,
    titleList: titleList("title"),
    live: Prisma.sql`TRUE`,
  },
  agreement: {
    from: inProgramme("Agreement"),
    match: alone("Agreement"),
    rest: descriptions,
    scope: child("agreement"),
    context: Prisma.sql`concat_ws(' · ', p.code, r.reference)`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
    live: Prisma.sql`r."archivedAt" IS NULL`,
  },
  activity: {
    from: inProgramme("Activity"),
    match: alone("Activity"),
    rest: descriptions,
    scope: child("activity"),
    context: Prisma.sql`p.code`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
    live: Prisma.sql`r."archivedAt" IS NULL`,
  },
  deliverable: {
    from: inProgramme("Deliverable"),
    match: alone("Deliverable"),
    rest: descriptions,
    scope: child("deliverable"),
    context: Prisma.sql`p.code`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
    live: Prisma.sql`r."archivedAt" IS NULL`,
  },
  outcome: {
    from: Prisma.raw(`"Outcome" r JOIN "Activity" a ON a.id = r."activityId" JOIN "Programme" p ON p.id = a."programmeId"`),
    match: alone("Outcome"),
    rest: Prisma.sql`coalesce(r."followUpNote", '')`,
    scope: (scope) => programmeChildScopeSql(scope, "outcome", "r"),
    context: Prisma.sql`p.code`,
    titleList: titleList("text"),
    live: Prisma.sql`r."archivedAt" IS NULL`,
    // Through the outcomes' activity index: a broad word matches a third of
    // all outcomes, which the planner would otherwise read in full and join.
    // The activity's own state is checked in that list.
    inProgrammes: (ids, live) =>
      Prisma.sql`r."activityId" = ANY(ARRAY(SELECT la.id FROM "Activity" la WHERE la."programmeId" = ANY(${ids}::text[]) ${live ? Prisma.sql`AND la."archivedAt" IS NULL` : Prisma.empty}))`,
  },
  indicator: {
    from: inProgramme("Indicator"),
    match: alone("Indicator"),
    rest: descriptions,
    scope: child("indicator"),
    context: Prisma.sql`p.code`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
    live: Prisma.sql`r."archivedAt" IS NULL`,
  },
  organisation: {
    from: Prisma.raw(`"Organisation" r LEFT JOIN "Programme" p ON FALSE`),
    match: alone("Organisation"),
    rest: descriptions,
    // Organisation pages are staff pages; partners and donors have none to open.
    scope: (scope) => (scope.kind === "staff" ? Prisma.sql`TRUE` : Prisma.sql`FALSE`),
    context: Prisma.sql`concat_ws(' · ', r."shortName", r."iatiRef")`,
    programmeKey: Prisma.sql`NULL`,
    titleList: Prisma.sql`ARRAY[lower(r."shortName")] || ${titleList("fullName")}`,
    live: Prisma.sql`FALSE`,
  },
  document: {
    // The file's extracted text (text and CSV files: document-text.server.ts), one row per content.
    from: Prisma.raw(`"Document" r JOIN "Programme" p ON p.id = r."programmeId" LEFT JOIN "DocumentText" dt ON dt.sha256 = r.sha256`),
    match: Prisma.raw(`"Document" r LEFT JOIN "DocumentText" dt ON dt.sha256 = r.sha256`),
    rest: descriptions,
    scope: child("document"),
    context: Prisma.sql`concat_ws(' · ', p.code, r."originalName")`,
    programmeKey: Prisma.sql`r."programmeId"`,
    titleList: titleList("title"),
    live: Prisma.sql`r."archivedAt" IS NULL`,
  },
};

/** A LIKE pattern matching `q` anywhere, with LIKE's own wildcards taken as text. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Hangul (and other CJK) text: PostgreSQL has no parser for it, so it is matched as a substring. */
const NEEDS_SUBSTRING = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]/;
/** Identifier-like queries (digits, joiners): "KOR-2019-3f", "hta_2024", "hira.or.kr". */
const IDENTIFIER_LIKE = /[\p{N}_./-]/u;

/**
 * How a (lower-case) query is matched besides full-text search:
 * - `similar`: the words that are corrected when nothing is found as
 *   written (runs of letters and digits, as pg_trgm splits them, of 3+
 *   characters; "of", "и" are left as they are), at most 8. Every word must
 *   match (one word's typo does not let the other words go: "study visit
 *   almaty" never finds every study visit).
 * - `substring`: the whole query inside the titles and identifiers, only
 *   where that adds something to the full-text match: identifier-like queries
 *   of 3+ characters ("KOR-20", a fragment of a reference, a file name), and
 *   Hangul from 2 syllables (a Korean word with or without its particle).
 *   Word parts ("pharmaco", "здравоохр") are prefixes of listed words, found
 *   by the correction step instead.
 */
export function trigramModes(lower: string): { similar: string[]; substring: boolean } {
  const letters = lower.replace(/\s+/g, "").length;
  const similar = lower.split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= 3).slice(0, 8);
  return { similar, substring: (IDENTIFIER_LIKE.test(lower) && letters >= 3) || (NEEDS_SUBSTRING.test(lower) && letters >= 2) };
}

/** Listed words closest to a query word: a typo's correction, not every title that shares trigrams. */
const CORRECTIONS_PER_WORD = 5;
/** What a tsquery may carry between quotes without escaping: letters and digits only. */
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

/**
 * Each query word's corrections from the word list ("SearchWord", migration
 * 20261209500001: the distinct words of every "searchText", with the
 * Cyrillic word behind each transliteration): the word itself when it is
 * listed (its lexemes: "obuchenii" is "обучении"), else the best
 * CORRECTIONS_PER_WORD listed words with trigram similarity at least pg_trgm's
 * threshold (0.3; `%`) or beginning with it, most similar first (both
 * answered by the list's trigram index; query words are letters and digits,
 * so no LIKE wildcard). A word with none cannot match a title, so the
 * near-miss search is not run at all ("zzqxv"). One statement
 * for all words; the list holds a few thousand words, not 22,000 titles, and
 * is never shown (a correction from another country's record only leads to a
 * scoped match that finds nothing).
 */
async function corrections(words: string[]): Promise<Map<string, string[]>> {
  const rows = await prisma.$queryRaw<{ w: string; word: string; lexeme: string }[]>`
    SELECT q.w, sw.word, sw.lexeme
    FROM (VALUES ${Prisma.join(words.map((w) => Prisma.sql`(${w}::text)`))}) q(w)
    CROSS JOIN LATERAL (
      SELECT s.word FROM "SearchWord" s WHERE s.word % q.w OR s.word LIKE q.w || '%'
      GROUP BY s.word ORDER BY s.word = q.w DESC, similarity(s.word, q.w) DESC, s.word LIMIT ${CORRECTIONS_PER_WORD}
    ) near
    JOIN "SearchWord" sw ON sw.word = near.word`;
  const found = new Map<string, string[]>();
  for (const w of words) {
    const mine = rows.filter((row) => row.w === w);
    const exact = mine.filter((row) => row.word === w);
    found.set(w, [...new Set((exact.length > 0 ? exact : mine).map((row) => row.lexeme))].filter((l) => PLAIN_WORD.test(l)));
  }
  return found;
}

/**
 * The near-miss query: every word as written (both parsers) OR, in titles
 * only (weight A), one of its corrections or a word it begins ("pharmaco" of
 * "pharmacoeconomics"), all words together. Built with to_tsquery from
 * letters and digits only (PLAIN_WORD), so nothing the reader types is
 * tsquery syntax.
 */
function nearMissQuery(words: string[], corrected: Map<string, string[]>): Prisma.Sql {
  const alternatives = (w: string) => [`'${w}':*A`, ...(corrected.get(w) ?? []).map((lexeme) => `'${lexeme}':A`)].join(" | ");
  return Prisma.sql`(${Prisma.join(
    words.map(
      (w) => Prisma.sql`(websearch_to_tsquery('simple', ${w}) || websearch_to_tsquery('russian', ${w}) || to_tsquery('simple', ${alternatives(w)}))`,
    ),
    " && ",
  )})`;
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

/** The full-text query as written: parsed by 'simple' and by 'russian', either may match. */
const writtenQuery = (q: string) => Prisma.sql`(websearch_to_tsquery('simple', ${q}) || websearch_to_tsquery('russian', ${q}))`;

/**
 * The kinds with any match at all, in any scope: one statement of eight
 * EXISTS over the indexes alone (no scope to plan), so that the scoped
 * statements run only for kinds that can have hits. Planning a partner's
 * scoped statement costs 4-15 ms (the country rules); a specific query
 * ("Беларуси": 2 kinds) or one that finds nothing ("zzqxv") no longer pays
 * that eight times. Only decides which statements run; nothing of it is
 * shown. Hangul queries look into the descriptions here too (indexed).
 */
async function kindsMatching(scope: Scope, q: string, nearMisses: Prisma.Sql | null): Promise<Set<SearchKind>> {
  const kinds = SEARCH_KINDS.filter((k) => k !== "organisation" || scope.kind === "staff");
  const query = nearMisses ?? writtenQuery(q);
  const lower = q.toLowerCase();
  const like = containsPattern(lower);
  const hangul = NEEDS_SUBSTRING.test(q);
  const contains = trigramModes(lower).substring ? Prisma.sql`OR r."searchText" LIKE ${like}` : Prisma.empty;
  const exists = (k: SearchKind) => {
    const rest = hangul ? Prisma.sql`OR ${KINDS[k].rest} ILIKE ${like}` : Prisma.empty;
    const any = Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(`"${TABLES[k]}"`)} r WHERE r."searchVector" @@ ${query} ${contains} ${rest})`;
    // Document texts have no trigram index (up to 100,000 characters each): a Hangul query reads them.
    const text = hangul ? Prisma.sql`OR dt.text ILIKE ${like}` : Prisma.empty;
    return k === "document" ? Prisma.sql`(${any} OR EXISTS (SELECT 1 FROM "DocumentText" dt WHERE dt."searchVector" @@ ${query} ${text}))` : any;
  };
  // The planner expects a rare word (or a corrected one) to be found after
  // a few hundred rows and reads the table in order for EXISTS; when nothing
  // matches that is every row (43 ms for the activities). Through the GIN
  // index the answer costs one index lookup, also for a broad word (the
  // bitmap is built, its first row read), so sequential scans are switched
  // off for this statement only: concord_by_index (migration
  // 20261210100001) runs it with enable_seqscan off, in one round trip.
  const found = await byIndex<Record<SearchKind, boolean>>(
    Prisma.sql`SELECT ${Prisma.join(kinds.map((k) => Prisma.sql`${exists(k)} AS ${Prisma.raw(`"${k}"`)}`))}`,
  );
  return new Set(kinds.filter((k) => found?.[k]));
}

/**
 * Runs a one-row statement with sequential scans off (concord_by_index,
 * migration 20261210100001) and gives its row as an object. The statement's
 * text is this module's; its values (what the reader typed among them) go as
 * a text[] argument, read back by the statement as $1[n], never as SQL.
 */
async function byIndex<T>(statement: Prisma.Sql): Promise<T | null> {
  const args = statement.values.map((value) => {
    if (typeof value !== "string") throw new Error("concord_by_index takes text values only");
    return value;
  });
  const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => `($1[${n}])`);
  const [row] = await prisma.$queryRaw<{ found: T | null }[]>`SELECT concord_by_index(${text}, ${args}::text[]) AS found`;
  return row?.found ?? null;
}

/**
 * The programmes a partner or donor sees, listed once per search (one small
 * statement), null for staff. `whole`: programmes whose every live record the
 * reader sees (a donor's; a partner's with no country outside the partner's,
 * ADR 0011); `shared`: a partner's programmes shared with other countries,
 * where each record's own countries decide (programmeChildScopeSql). Each
 * kind's statement then carries the ids as arrays instead of the scope's
 * subqueries, and the country rules only for the shared programmes' rows (or
 * not at all when there are none): ADR 0040, fourth part.
 */
type VisibleProgrammes = { whole: string[]; shared: string[] } | null;

async function visibleProgrammes(scope: Scope): Promise<VisibleProgrammes> {
  if (scope.kind === "staff") return null;
  const shared =
    scope.kind === "partner" && scope.countries.length > 0
      ? Prisma.sql`EXISTS (SELECT 1 FROM "ProgrammeCountry" pc WHERE pc."programmeId" = vp.id AND pc."countryCode" NOT IN (${Prisma.join(scope.countries)}))`
      : Prisma.sql`FALSE`;
  const rows = await prisma.$queryRaw<{ id: string; shared: boolean }[]>`
    SELECT vp.id, ${shared} AS shared FROM "Programme" vp WHERE ${programmeScopeSql(scope, "vp")} ORDER BY vp.id`;
  return { whole: rows.filter((row) => !row.shared).map((row) => row.id), shared: rows.filter((row) => row.shared).map((row) => row.id) };
}

/** A scope condition; `rules`: it checks the country rules row by row (the costly part of a partner's search). */
type ScopePart = { sql: Prisma.Sql; rules: boolean };

/**
 * A kind's scope for a partner or donor from the listed programmes, as one or
 * two conditions whose matches are taken together (UNION ALL: disjoint, as
 * the programmes are): the whole programmes' rows need only be live, the
 * shared programmes' rows keep programmeChildScopeSql (programmeScopeSql for
 * programmes). Together exactly what the scope says; two statements' parts so
 * the planner estimates each (the country rules, or their absence) on its own.
 */
function listedScopes(kind: SearchKind, scope: Scope, visible: { whole: string[]; shared: string[] }): ScopePart[] {
  const k = KINDS[kind];
  // A programme's own row is visible when it is listed at all.
  const [whole, shared] = kind === "programme" ? [[...visible.whole, ...visible.shared], []] : [visible.whole, visible.shared];
  const listed = k.inProgrammes ?? ((ids: string[]) => Prisma.sql`${k.programmeKey ?? Prisma.sql`NULL`} = ANY(${ids}::text[])`);
  return [
    ...(whole.length > 0 ? [{ sql: Prisma.sql`${listed(whole, true)} AND ${k.live}`, rules: false }] : []),
    ...(shared.length > 0 ? [{ sql: Prisma.sql`${listed(shared, false)} AND ${k.scope(scope)}`, rules: true }] : []),
  ];
}

/**
 * Ranking, one number per hit (higher first; then title, id):
 *  ts_rank of the full-text match (title words weigh more than the rest)
 *  + 0.75 when the titles or identifiers contain the query as written
 *  + 2 when a title (in any language) is exactly the query,
 * so an exact title comes first, then titles containing the words, then
 * matches in descriptions only. Near misses are ranked by ts_rank of the
 * corrected words (0.5 x word similarity of the query to each title, as
 * before, cost 100+ ms for a corrected broad word: 30,000 titles). Hangul queries add 0.1 for
 * a match inside the description (unindexed, as before).
 *
 * `query` is the full-text query: as written, or (nothing found so) with
 * each word's corrections (nearMissQuery); near misses are looked for only
 * when nothing at all is found as written ("did you mean"), so "health"
 * never also lists every "wealth".
 *
 * Cost (ADR 0040, third part): the matches are ranked and counted on narrow
 * rows (id, title, rank), and only the page's rows are joined back for their
 * translations and context: carrying every match's JSON through the window
 * and the sort spilled to disk for a broad word (10,000 deliverables). At
 * most `cap` + 1 matches per kind are ranked and counted (the count then
 * shows as "2000+", or "200+" on the all-kinds page, SEARCH_OVERVIEW_CAP):
 * reading, ranking and counting all 10,000 cost 50-90 ms for one kind, the
 * first 2,001 a tenth of it; such a word's top hits are then the best of the
 * first matches read, titles containing it first (fifth part).
 *
 * Returns the kind's statement (page `take`/`skip`, with the count on each
 * row), not run: searchKindGroups sends all kinds' statements as one.
 */
function kindStatements(
  reader: SearchReader,
  kind: SearchKind,
  q: string,
  nearMisses: Prisma.Sql | null,
  visible: VisibleProgrammes,
  cap: number,
): { statement: (take: number, skip: number, part?: "plain" | "all") => Prisma.Sql; twoStep: boolean } {
  const k = KINDS[kind];
  // The stored "searchVector" (migration 20261208100001) holds the titles
  // (weight A) and the rest (D), parsed by 'simple' and by 'russian'; the
  // query is parsed the same two ways and either may match. Its GIN index
  // answers the match; ts_rank then weighs title hits above the rest.
  const query = nearMisses ?? writtenQuery(q);
  const lower = q.toLowerCase();
  const modes = trigramModes(lower);
  // Hangul in descriptions: words carry particles ("심사평가원은"), so a
  // query is also looked for inside the text (a trigram index per table,
  // migration 20261209500001).
  const hangul = NEEDS_SUBSTRING.test(q);
  const like = containsPattern(lower);
  const titleField = kind === "organisation" ? Prisma.sql`r."fullName"` : kind === "outcome" ? Prisma.sql`r.text` : Prisma.sql`r.title`;
  const contains = modes.substring ? Prisma.sql`OR r."searchText" LIKE ${like}` : Prisma.empty;
  // Partners and donors: the programmes they see, listed once per search
  // (visibleProgrammes), so only those programmes' rows are matched, and the
  // country rules are checked only on the rows of programmes shared with
  // other countries, instead of on every row a broad word matches.
  const scopes: ScopePart[] =
    visible === null || kind === "organisation" ? [{ sql: k.scope(reader.scope), rules: false }] : listedScopes(kind, reader.scope, visible);
  // A title can only equal the query if the titles contain it: the JSON
  // titles are read only for those rows.
  const written = Prisma.sql`CASE WHEN r."searchText" LIKE ${like}
    THEN 0.75 + CASE WHEN ${lower} = ANY(${k.titleList}) THEN 2 ELSE 0 END
    ELSE 0 END`;
  // The matches under one scope condition (narrow rows: id, title, rank).
  const matches = (scoped: Prisma.Sql, titles: Prisma.Sql) => Prisma.sql`
        SELECT r.id, ${titleField} AS title,
          (ts_rank(r."searchVector", ${query})
            ${kind === "document" ? Prisma.sql`+ coalesce(ts_rank(dt."searchVector", ${query}), 0) / 2` : Prisma.empty}
            + ${written}
            ${hangul ? Prisma.sql`+ CASE WHEN ${k.rest} ILIKE ${like} THEN 0.1 ELSE 0 END` : Prisma.empty})::float8 AS rank
        FROM ${k.match}
        WHERE ${scoped} ${titles}
          AND (r."searchVector" @@ ${query} ${contains}
            ${kind === "document" ? Prisma.sql`OR dt."searchVector" @@ ${query}` : Prisma.empty}
            ${hangul ? Prisma.sql`OR ${k.rest} ILIKE ${like}` : Prisma.empty}
            ${hangul && kind === "document" ? Prisma.sql`OR dt.text ILIKE ${like}` : Prisma.empty})`;
  // Past the cap, which matches are ranked is the order the branches are
  // read in: rows whose titles or identifiers contain the query as written
  // first, then the rest, so a broad word's top hits are found among the
  // titles that contain it. Scope conditions with the country rules are
  // not split (their planning would double) and come last: when the other
  // programmes' matches already reach the cap, they are never read.
  // The query as written is tested with strpos, which no index answers, so
  // the planner checks it on the rows the full-text index gives until the
  // cap is reached; as LIKE it also scanned the trigram index for every
  // matching row first (a BitmapAnd: 0.5-1 ms per large kind; staff
  // searches 1-4 ms faster, docs/performance.md "Session 20"). Near misses
  // keep LIKE: their query as written is in no title, which the trigram
  // index says at once, where strpos would read every corrected match.
  const titleMatch = nearMisses ? Prisma.sql`r."searchText" LIKE ${like}` : Prisma.sql`strpos(r."searchText", ${lower}) > 0`;
  const plain = scopes
    .filter((part) => !part.rules)
    .flatMap((part) => [matches(part.sql, Prisma.sql`AND ${titleMatch}`), matches(part.sql, Prisma.sql`AND NOT coalesce(${titleMatch}, FALSE)`)]);
  const ruled = scopes.filter((part) => part.rules).map((part) => matches(part.sql, Prisma.empty));
  const statement = (take: number, skip: number, part: "plain" | "all" = "all") => Prisma.sql`
    SELECT ${kind}::text AS kind, r.id, ${titleField} AS title, r.lang, r.translations, ${k.context} AS context,
      ${kind === "organisation" ? Prisma.sql`NULL` : Prisma.sql`p.code`} AS code, hit.rank, hit.total
    FROM (
      SELECT m.id, m.title, m.rank, count(*) OVER () AS total FROM (
        ${Prisma.join(part === "plain" ? plain : [...plain, ...ruled], " UNION ALL ")}
        LIMIT ${cap + 1}
      ) m
      ORDER BY m.rank DESC, m.title, m.id
      LIMIT ${take} OFFSET ${skip}
    ) hit
    JOIN ${k.from} ON r.id = hit.id
    ORDER BY hit.rank DESC, hit.title, hit.id`;
  // With the country rules in it, planning a statement costs 5-15 ms even
  // when its rows are never read: the other programmes' matches are asked
  // for first, and when they pass the cap that is the answer (the same rows:
  // the rules' branch comes last and would not be read).
  return { statement, twoStep: ruled.length > 0 && plain.length > 0 };
}

type KindRequest = { kind: SearchKind; limit: number; offset: number };

/**
 * Every requested kind's page of hits and count in as few statements as
 * possible (ADR 0040, fifth part): each kind's statement gives its page and
 * its count (a window over the matches; at least one row is asked for so the
 * count comes back with it), and all kinds' statements are sent as one
 * (UNION ALL), so a search pays for one round trip through Prisma (~1 ms of
 * the server's own time each) instead of eight. A second statement runs only
 * for a partner's kinds whose matches outside shared programmes stay within
 * the cap (those then need the country rules), and a third only for a kind
 * page asked past its last hit.
 */
async function searchKindGroups(
  reader: SearchReader,
  requests: KindRequest[],
  q: string,
  nearMisses: Prisma.Sql | null,
  visible: VisibleProgrammes,
  caps: Record<SearchKind, number>,
): Promise<Map<SearchKind, { count: number; hits: SearchHit[] }>> {
  const built = new Map(requests.map((r) => [r.kind, kindStatements(reader, r.kind, q, nearMisses, visible, caps[r.kind])]));
  type Part = { kind: SearchKind; take: number; skip: number; part: "plain" | "all" };
  const query = (parts: Part[]) =>
    prisma.$queryRaw<(Row & { kind: SearchKind })[]>`${Prisma.join(
      parts.map((p) => Prisma.sql`(${built.get(p.kind)!.statement(p.take, p.skip, p.part)})`),
      " UNION ALL ",
    )}`;
  // `apart`: each kind on its own connection, at the same time; for the
  // statements with the country rules, whose planning (3-15 ms each) is
  // worth spreading over the database's cores more than a round trip costs.
  const run = async (parts: Part[], apart = false) => {
    const found = new Map<SearchKind, Row[]>(parts.map((p) => [p.kind, []]));
    if (parts.length === 0) return found;
    const rows = apart ? (await Promise.all(parts.map((p) => query([p])))).flat() : await query(parts);
    for (const row of rows) found.get(row.kind)!.push(row);
    return found;
  };
  const first = await run(
    requests.map((r) => ({ kind: r.kind, take: Math.max(r.limit, 1), skip: r.offset, part: built.get(r.kind)!.twoStep ? "plain" : "all" })),
  );
  const answered = new Map<SearchKind, Row[]>();
  const again: KindRequest[] = [];
  for (const r of requests) {
    const rows = first.get(r.kind)!;
    const plainOnly = built.get(r.kind)!.twoStep;
    if (plainOnly && (rows.length === 0 || Number(rows[0].total) <= caps[r.kind])) again.push(r);
    else answered.set(r.kind, rows);
  }
  const second = await run(
    again.map((r) => ({ kind: r.kind, take: Math.max(r.limit, 1), skip: r.offset, part: "all" })),
    true,
  );
  for (const [kind, rows] of second) answered.set(kind, rows);
  // A page past the last hit: the count alone, from the first row.
  const past = requests.filter((r) => r.offset > 0 && answered.get(r.kind)!.length === 0);
  const third = await run(past.map((r) => ({ kind: r.kind, take: 1, skip: 0, part: "all" })));
  for (const [kind, rows] of third) answered.set(kind, rows);

  return new Map(
    requests.map((r) => {
      const rows = answered.get(r.kind)!;
      const count = rows.length > 0 ? Number(rows[0].total) : 0;
      const page = count > r.offset ? rows.slice(0, r.limit) : [];
      const hits = page.map((row) => ({
        kind: r.kind,
        id: row.id,
        title: narrative(row, r.kind === "organisation" ? "fullName" : r.kind === "outcome" ? "text" : "title", row.title, reader.locale),
        context: row.context || null,
        href: hrefFor(reader.scope, r.kind, row),
      }));
      return [r.kind, { count, hits }];
    }),
  );
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
  const caps = Object.fromEntries(SEARCH_KINDS.map((k) => [k, k === kind ? SEARCH_COUNT_CAP : SEARCH_OVERVIEW_CAP])) as Record<SearchKind, number>;
  if (q === "") return { q, kind, counts, caps, groups: [], page: 1, pageCount: 0 };
  const requested = Math.max(1, Math.floor(options.page ?? 1) || 1);
  const none = { count: 0, hits: [] };
  // Listed once for both rounds, alongside the first probe; a partner or
  // donor who sees no programme finds nothing (no scoped statement runs).
  const listing = visibleProgrammes(reader.scope);
  const searchKinds = async (nearMisses: Prisma.Sql | null) => {
    const [candidates, visible] = await Promise.all([kindsMatching(reader.scope, q, nearMisses), listing]);
    if (visible !== null && visible.whole.length + visible.shared.length === 0) candidates.clear();
    const requests = SEARCH_KINDS.filter((k) => candidates.has(k)).map((k) => ({
      kind: k,
      offset: k === kind ? (requested - 1) * SEARCH_PAGE_SIZE : 0,
      limit: kind ? (k === kind ? SEARCH_PAGE_SIZE : 0) : SEARCH_GROUP_SIZE,
    }));
    const found = await searchKindGroups(reader, requests, q, nearMisses, visible, caps);
    return SEARCH_KINDS.map((k) => [k, found.get(k) ?? none] as const);
  };
  let results = await searchKinds(null);
  // Nothing as written: each word corrected from the word list, then one
  // full-text match per kind again ("did you mean"), unless a word has
  // nothing near it in any title.
  const words = trigramModes(q.toLowerCase()).similar;
  if (words.length > 0 && results.every(([, r]) => r.count === 0)) {
    const corrected = await corrections(words);
    if (words.every((w) => (corrected.get(w) ?? []).length > 0)) results = await searchKinds(nearMissQuery(words, corrected));
  }
  for (const [k, r] of results) counts[k] = r.count;
  const groups = results
    .filter(([k, r]) => r.count > 0 && (kind === null || k === kind))
    .map(([k, r]) => ({ kind: k, count: r.count, hits: r.hits }));
  const pageCount = kind ? Math.ceil(Math.min(counts[kind], SEARCH_COUNT_CAP) / SEARCH_PAGE_SIZE) : groups.length > 0 ? 1 : 0;
  return { q, kind, counts, caps, groups, page: kind ? requested : 1, pageCount };
}
