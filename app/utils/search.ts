// What the search page and the search model share (issue 19, point 8). Not a
// .server module: the page renders the kinds and limits in the browser too.

export const SEARCH_KINDS = [
  "programme",
  "agreement",
  "activity",
  "deliverable",
  "outcome",
  "indicator",
  "organisation",
  "document",
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Longer queries are cut here: enough for any title, and a bound on the work one request asks for. */
export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_PAGE_SIZE = 20;
/** Hits per kind on the "all kinds" page, before the reader picks a kind. */
export const SEARCH_GROUP_SIZE = 5;

export function parseSearchKind(raw: string | null | undefined): SearchKind | null {
  return (SEARCH_KINDS as readonly string[]).includes(raw ?? "") ? (raw as SearchKind) : null;
}
