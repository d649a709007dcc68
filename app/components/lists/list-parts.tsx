import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Badge } from "~/components/ui/card";
import type { ListQuery } from "~/utils/list-query";

// Pieces every record list renders the same way: the title cell (a link to
// the record, marked when archived) and the empty state, which tells the
// reader why the list is empty and what to do next.

export function TitleLink({ to, title, archived }: { to: string; title: ReactNode; archived?: unknown }) {
  return (
    <>
      <Link to={to} className="font-medium text-brand-700 underline-offset-2 hover:underline">
        {title}
      </Link>
      {archived ? (
        <span className="ml-2">
          <Badge tone="amber">Archived</Badge>
        </span>
      ) : null}
    </>
  );
}

export function ListEmpty({
  query,
  one,
  many,
  create,
}: {
  query: Pick<ListQuery, "q" | "filters" | "archived">;
  /** "activity" */
  one: string;
  /** "activities" */
  many: string;
  /** What to do when there are none at all: a link and the sentence around it. */
  create?: { to: string; label: string; hint?: string };
}) {
  const filtered = Boolean(query.q) || Object.keys(query.filters).length > 0;
  if (query.archived) {
    return (
      <>
        No archived {one}
        {filtered ? " matches these filters" : ""}.{" "}
        <Link to="?" className="text-brand-700 underline">
          Show the active {many}
        </Link>
        .
      </>
    );
  }
  if (filtered) {
    return (
      <>
        No {one} matches these filters.{" "}
        <Link to="?" className="text-brand-700 underline">
          Clear the filters
        </Link>{" "}
        to see them all.
      </>
    );
  }
  return (
    <>
      No {many} yet.
      {create ? (
        <>
          {" "}
          <Link to={create.to} className="text-brand-700 underline">
            {create.label}
          </Link>
          {create.hint ?? "."}
        </>
      ) : null}
    </>
  );
}
