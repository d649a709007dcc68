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

/**
 * Matches counted and ranked per kind, at most (ADR 0040, third part): a
 * broad word ("health": 10,000 deliverables) is ranked among the first
 * SEARCH_COUNT_CAP matches the index gives, and its count shows as "2000+".
 * Ranking and counting every match cost 50-90 ms per such kind on
 * concord_big; 2,000 keep every count of a specific query exact.
 */
export const SEARCH_COUNT_CAP = 2000;

/**
 * The same on the "all kinds" page, and for the other kinds' counts on a
 * kind's page (ADR 0040, fifth part): five hits and a count per kind need
 * no more. A broad word then ranks its top hits among the first 200 matches,
 * titles containing it first, and for a partner the programmes shared with
 * other countries (whose rows need the country rules one by one) are read
 * only when the others' matches do not reach the cap.
 */
export const SEARCH_OVERVIEW_CAP = 200;

/** A kind's count as shown: exact up to its cap, else "2000+" (or "200+"). */
export function formatSearchCount(count: number, cap: number = SEARCH_COUNT_CAP): string {
  return count > cap ? `${cap}+` : String(count);
}

export function parseSearchKind(raw: string | null | undefined): SearchKind | null {
  return (SEARCH_KINDS as readonly string[]).includes(raw ?? "") ? (raw as SearchKind) : null;
}
