// The state of a list page lives in its URL (?q=&sort=&dir=&page=&<filters>),
// so a filtered list can be bookmarked and shared. Client-safe.

export type ListQuery<F extends string = string> = {
  q: string;
  sort: string;
  dir: "asc" | "desc";
  page: number;
  perPage: number;
  filters: Partial<Record<F, string>>;
  archived: boolean;
};

export type ListSpec<F extends string> = {
  sorts: readonly string[];
  defaultSort: string;
  defaultDir?: "asc" | "desc";
  filters: readonly F[];
  /** Filters whose value must be one of these (enums): anything else is ignored. */
  choices?: { readonly [K in F]?: readonly string[] };
  perPage?: number;
};

// Control characters (NUL above all: PostgreSQL refuses it in text) never
// belong in a search or a filter; they are dropped, not passed on.
const CONTROL = /[\u0000-\u001f\u007f]/g;
const clean = (value: string | null) => (value ?? "").replace(CONTROL, "").trim().slice(0, 200);

/**
 * A search term as a LIKE pattern's literal text: `%`, `_` and the escape
 * character itself match only themselves. PostgreSQL's default LIKE escape is
 * the backslash; Prisma's `contains` puts the value between `%...%` without
 * escaping it, so `q=%` would otherwise list everything.
 */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The condition every list search uses on a text column: contains `q` literally, ignoring case. */
export const searchContains = (q: string) => ({ contains: escapeLike(q), mode: "insensitive" as const });

export function parseListQuery<F extends string>(params: URLSearchParams, spec: ListSpec<F>): ListQuery<F> {
  const sort = params.get("sort") ?? "";
  const dir = params.get("dir");
  const page = Number(params.get("page") ?? "1");
  const filters: Partial<Record<F, string>> = {};
  for (const key of spec.filters) {
    const value = clean(params.get(key));
    const allowed = spec.choices?.[key];
    if (value && (!allowed || allowed.includes(value))) filters[key] = value;
  }
  return {
    q: clean(params.get("q")),
    sort: spec.sorts.includes(sort) ? sort : spec.defaultSort,
    dir: dir === "asc" || dir === "desc" ? dir : (spec.defaultDir ?? "asc"),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    perPage: spec.perPage ?? 25,
    filters,
    archived: params.get("archived") === "1",
  };
}

/** The same URL with some parameters changed (null removes one); resets the page unless it is set. */
export function withParams(search: string, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(search);
  if (!("page" in changes)) params.delete("page");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, value);
  }
  const s = params.toString();
  return s ? `?${s}` : "?";
}

/** A yyyy-mm-dd filter value as a date, or undefined when absent or malformed. */
export function filterDate(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export type Column<R> = {
  key: string;
  header: string;
  /** The cell as text: what the table shows and what the CSV holds. */
  text: (row: R) => string;
  sortKey?: string;
  align?: "right";
};
