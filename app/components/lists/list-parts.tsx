import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Badge } from "~/components/ui/card";
import { withNodes } from "~/components/ui/rich-text";
import { useT } from "~/i18n/context";
import type { ListQuery } from "~/utils/list-query";

// Pieces every record list renders the same way: the title cell (a link to
// the record, marked when archived) and the empty state, which tells the
// reader why the list is empty and what to do next.

export function TitleLink({ to, title, archived }: { to: string; title: ReactNode; archived?: unknown }) {
  const t = useT();
  return (
    <>
      <Link to={to} className="font-medium text-brand-700 underline-offset-2 hover:underline">
        {title}
      </Link>
      {archived ? (
        <span className="ml-2">
          <Badge tone="amber">{t("common.record.archived")}</Badge>
        </span>
      ) : null}
    </>
  );
}

/**
 * The list's nouns come from its route, translated, in the forms the
 * sentences of common.list.empty.* need:
 * - `one`: English singular ("activity"); Russian genitive plural
 *   ("мероприятий": "Нет архивных мероприятий…"); Korean the noun ("활동");
 * - `many`: English plural ("activities"); Russian nominative plural
 *   ("мероприятия": "Показать действующие мероприятия", "Мероприятия пока не
 *   добавлены."); Korean the noun ("활동").
 */
export function ListEmpty({
  query,
  one,
  many,
  create,
}: {
  query: Pick<ListQuery, "q" | "filters" | "archived">;
  /** "activity" (see above for other languages) */
  one: string;
  /** "activities" */
  many: string;
  /** What to do when there are none at all: a link and the sentence around it ("." unless `hint`). */
  create?: { to: string; label: string; hint?: string };
}) {
  const t = useT();
  const filtered = Boolean(query.q) || Object.keys(query.filters).length > 0;
  if (query.archived) {
    const link = (
      <Link to="?" className="text-brand-700 underline">
        {t("common.list.empty.showActive", { many })}
      </Link>
    );
    return <>{withNodes(t(filtered ? "common.list.empty.archivedFiltered" : "common.list.empty.archived", { one }), { link })}</>;
  }
  if (filtered) {
    const link = (
      <Link to="?" className="text-brand-700 underline">
        {t("common.list.empty.clearFilters")}
      </Link>
    );
    return <>{withNodes(t("common.list.empty.filtered", { one }), { link })}</>;
  }
  return (
    <>
      {t("common.list.empty.none", { many })}
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
