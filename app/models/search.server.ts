import { Prisma } from "@prisma/client";
import { programmeChildScopeSql, programmeScopeSql, type Scope } from "~/auth/scope.server";
import { narrative } from "~/i18n/narrative";
import type { Locale } from "~/i18n/locales";
import { prisma } from "~/utils/db.server";
import { SEARCH_GROUP_SIZE, SEARCH_KINDS, SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE, type SearchKind } from "~/utils/search";

export { parseSearchKind, SEARCH_KINDS, SEARCH_MAX_LENGTH, type SearchKind } from "~/utils/search";

// One search over everything (issue 19, points 8-9; ADR 0040). PostgreSQL's
// own full-text search on both databases, no second engine: each kind's
// table carries a stored, generated "searchVector" of its titles and
// descriptions in every language, identifiers and file names (migration
// 20261208100001), matched against websearch_to_tsquery, which never raises
// a syntax error on user text, with a GIN index. Hangul queries are also
// matched as substrings (ILIKE with % and _ escaped): PostgreSQL has no
// Korean parser, and Korean words carry particles ("심사평가원은").
// Every statement carries the same scope conditions as the pages
// (programmeScopeSql / programmeChildScopeSql), so a hit outside the reader's
// scope is never even counted.

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
  /** The title in its own language and in every translation. */
  title: Prisma.Sql;
  /** Everything else searchable. */
  rest: Prisma.Sql;
  scope: (scope: Scope) => Prisma.Sql;
  /** A second line under the title (the programme code, an identifier). */
  context: Prisma.Sql;
};

const titles = (column: string) =>
  Prisma.raw(
    `concat_ws(' ', r."${column}", r.translations->'ru'->>'${column}', r.translations->'ko'->>'${column}', r.translations->'en'->>'${column}')`,
  );
const descriptions = Prisma.raw(
  `concat_ws(' ', r.description, r.translations->'ru'->>'description', r.translations->'ko'->>'description', r.translations->'en'->>'description')`,
);
const inProgramme = (table: string) => Prisma.raw(`"${table}" r JOIN "Programme" p ON p.id = r."programmeId"`);
const child = (kind: "agreement" | "activity" | "deliverable" | "indicator" | "document") => (scope: Scope) =>
  programmeChildScopeSql(scope, kind, "r");

const KINDS: Record<SearchKind, KindSql> = {
  programme: {
    from: Prisma.raw(`"Programme" r JOIN "Programme" p ON p.id = r.id`),
    title: titles("title"),
    rest: Prisma.sql`concat_ws(' ', r.code, r."iatiIdentifier", ${descriptions}, r.objectives)`,
    scope: (scope) => programmeScopeSql(scope, "r"),
    context: Prisma.sql`r.code`,
  },
  agreement: {
    from: inProgramme("Agreement"),
    title: titles("title"),
    rest: Prisma.sql`concat_ws(' ', r.reference, ${descriptions})`,
    scope: child("agreement"),
    context: Prisma.sql`concat_ws(' · ', p.code, r.reference)`,
  },
  activity: {
    from: inProgramme("Activity"),
    title: titles("title"),
    rest: descriptions,
    scope: child("activity"),
    context: Prisma.sql`p.code`,
  },
  deliverable: {
    from: inProgramme("Deliverable"),
    title: titles("title"),
    rest: descriptions,
    scope: child("deliverable"),
    context: Prisma.sql`p.code`,
  },
  outcome: {
    from: Prisma.raw(`"Outcome" r JOIN "Activity" a ON a.id = r."activityId" JOIN "Programme" p ON p.id = a."programmeId"`),
    title: titles("text"),
    rest: Prisma.sql`coalesce(r."followUpNote", '')`,
    scope: (scope) => programmeChildScopeSql(scope, "outcome", "r"),
    context: Prisma.sql`p.code`,
  },
  indicator: {
    from: inProgramme("Indicator"),
    title: titles("title"),
    rest: descriptions,
    scope: child("indicator"),
    context: Prisma.sql`p.code`,
  },
  organisation: {
    from: Prisma.raw(`"Organisation" r LEFT JOIN "Programme" p ON FALSE`),
    title: Prisma.sql`concat_ws(' ', r."shortName", ${titles("fullName")})`,
    rest: Prisma.sql`concat_ws(' ', r."iatiRef", ${descriptions})`,
    // Organisation pages are staff pages; partners and donors have none to open.
    scope: (scope) => (scope.kind === "staff" ? Prisma.sql`TRUE` : Prisma.sql`FALSE`),
    context: Prisma.sql`concat_ws(' · ', r."shortName", r."iatiRef")`,
  },
  document: {
    // The file's extracted text (text and CSV files: document-text.server.ts), one row per content.
    from: Prisma.raw(`"Document" r JOIN "Programme" p ON p.id = r."programmeId" LEFT JOIN "DocumentText" dt ON dt.sha256 = r.sha256`),
    title: titles("title"),
    rest: Prisma.sql`concat_ws(' ', r."originalName", regexp_replace(r."originalName", '[_.-]+', ' ', 'g'), ${descriptions})`,
    scope: child("document"),
    context: Prisma.sql`concat_ws(' · ', p.code, r."originalName")`,
  },
};

/** A LIKE pattern matching `q` anywhere, with LIKE's own wildcards taken as text. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Hangul (and other CJK) text: PostgreSQL has no parser for it, so it is matched as a substring. */
const NEEDS_SUBSTRING = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]/;

async function searchKind(reader: SearchReader, kind: SearchKind, q: string, limit: number, offset: number): Promise<{ count: number; hits: SearchHit[] }> {
  const k = KINDS[kind];
  // The stored "searchVector" (migration 20261208100001) holds the titles
  // (weight A) and the rest (D), parsed by 'simple' and by 'russian'; the
  // query is parsed the same two ways and either may match. Its GIN index
  // answers the match; ts_rank then weighs title hits above the rest.
  const query = Prisma.sql`(websearch_to_tsquery('simple', ${q}) || websearch_to_tsquery('russian', ${q}))`;
  // Hangul: words carry particles ("심사평가원은"), so a query is also
  // looked for inside the text. That reads every row of the kind in scope
  // (no trigram index: see ADR 0040), so only such queries pay for it; a
  // substring hit in the title ranks above one elsewhere.
  const substring = NEEDS_SUBSTRING.test(q);
  const like = containsPattern(q);
  const titleField = kind === "organisation" ? Prisma.sql`r."fullName"` : kind === "outcome" ? Prisma.sql`r.text` : Prisma.sql`r.title`;
  const statement = (take: number, skip: number) => prisma.$queryRaw<Row[]>`
    SELECT hit.*, count(*) OVER () AS total FROM (
      SELECT r.id, ${titleField} AS title, r.lang, r.translations, ${k.context} AS context,
        ${kind === "organisation" ? Prisma.sql`NULL` : Prisma.sql`p.code`} AS code,
        (ts_rank(r."searchVector", ${query})
          ${kind === "document" ? Prisma.sql`+ coalesce(ts_rank(dt."searchVector", ${query}), 0) / 2` : Prisma.empty}
          ${substring ? Prisma.sql`+ CASE WHEN ${k.title} ILIKE ${like} THEN 0.5 WHEN ${k.rest} ILIKE ${like} THEN 0.1 ELSE 0 END` : Prisma.empty})::float8 AS rank
      FROM ${k.from}
      WHERE ${k.scope(reader.scope)}
        AND (r."searchVector" @@ ${query}
          ${kind === "document" ? Prisma.sql`OR dt."searchVector" @@ ${query}` : Prisma.empty}
          ${substring ? Prisma.sql`OR (${k.title} || ' ' || ${k.rest}) ILIKE ${like}` : Prisma.empty}
          ${substring && kind === "document" ? Prisma.sql`OR dt.text ILIKE ${like}` : Prisma.empty})
    ) hit
    ORDER BY hit.rank DESC, hit.title, hit.id
    LIMIT ${take} OFFSET ${skip}`;
  // One statement gives the page and the count (a window over the matches);
  // at least one row is asked for so the count comes back with it.
  let rows = await statement(Math.max(limit, 1), offset);
  if (rows.length === 0 && offset > 0) rows = await statement(1, 0);
  const count = rows.length > 0 ? Number(rows[0].total) : 0;
  const page = rows.length > 0 && Number(rows[0].total) > offset ? rows.slice(0, limit) : [];
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
  const results = await Promise.all(
    SEARCH_KINDS.map(async (k) => {
      const offset = k === kind ? (requested - 1) * SEARCH_PAGE_SIZE : 0;
      const limit = kind ? (k === kind ? SEARCH_PAGE_SIZE : 0) : SEARCH_GROUP_SIZE;
      return [k, await searchKind(reader, k, q, limit, offset)] as const;
    }),
  );
  for (const [k, r] of results) counts[k] = r.count;
  const groups = results
    .filter(([k, r]) => r.count > 0 && (kind === null || k === kind))
    .map(([k, r]) => ({ kind: k, count: r.count, hits: r.hits }));
  const pageCount = kind ? Math.ceil(counts[kind] / SEARCH_PAGE_SIZE) : groups.length > 0 ? 1 : 0;
  return { q, kind, counts, groups, page: kind ? requested : 1, pageCount };
}
