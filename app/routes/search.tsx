import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { Pagination } from "~/components/lists/list-view";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import type { MessageKey } from "~/i18n/translate";
import { search as searchRecords } from "~/models/search.server";
import { withDomainErrors } from "~/utils/respond.server";
import { formatSearchCount, parseSearchKind, SEARCH_COUNT_CAP, SEARCH_KINDS, SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE, type SearchKind } from "~/utils/search";

// /search?q=…&kind=…&page=…: one search over every kind the reader may see
// (issue 19, point 8; ADR 0040). A GET form and plain links: the URL is the
// whole state, so it can be shared, and nothing needs JavaScript.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Search · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireUser(request);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const raw = url.searchParams.get("q") ?? "";
  const result = await searchRecords({ scope, locale: t.locale }, raw, {
    kind: parseSearchKind(url.searchParams.get("kind")),
    page: Number(url.searchParams.get("page") ?? "1"),
  });
  return json({ ...result, truncated: raw.trim().length > SEARCH_MAX_LENGTH, metaTitle: t("search.metaTitle") });
});

const kindLabel = (kind: SearchKind) => `search.kind.${kind}` as MessageKey;

function kindHref(q: string, kind: SearchKind | null): string {
  const params = new URLSearchParams({ q });
  if (kind) params.set("kind", kind);
  return `/search?${params}`;
}

export default function Search() {
  const { q, kind, counts, caps, groups, page, truncated } = useLoaderData<typeof loader>();
  const t = useT();
  // Kinds past their count cap add the cap, and the sum shows as "n+"; their pages end at the cap.
  const total = SEARCH_KINDS.reduce((sum, k) => sum + Math.min(counts[k], caps[k]), 0);
  const capped = SEARCH_KINDS.some((k) => counts[k] > caps[k]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{q ? t("search.resultsFor", { q }) : t("search.title")}</h1>
      <p className="text-slate-700">{t("search.intro")}</p>
      <Form method="get" action="/search" className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm font-medium">
          {t("search.box.label")}
          <input
            type="search"
            name="q"
            defaultValue={q}
            maxLength={SEARCH_MAX_LENGTH}
            className="mt-1 w-80 max-w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        {kind ? <input type="hidden" name="kind" value={kind} /> : null}
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("search.box.submit")}
        </button>
      </Form>
      {truncated ? <p className="text-sm text-amber-800">{t("search.truncated", { max: String(SEARCH_MAX_LENGTH) })}</p> : null}
      {q === "" ? (
        <p>{t("search.empty")}</p>
      ) : total === 0 ? (
        <p role="status">{t("search.noResults", { q })}</p>
      ) : (
        <div className="flex flex-col gap-6 md:flex-row">
          <nav aria-label={t("search.kinds")} className="md:w-56 md:shrink-0">
            <ul className="space-y-1 text-sm">
              <li>
                <Link to={kindHref(q, null)} aria-current={kind === null ? "page" : undefined} className={`block rounded px-2 py-1 ${kind === null ? "bg-brand-100 font-semibold" : "text-brand-700 hover:bg-slate-100"}`}>
                  {t("search.all", { count: capped ? `${total}+` : String(total) })}
                </Link>
              </li>
              {SEARCH_KINDS.filter((k) => counts[k] > 0).map((k) => (
                <li key={k}>
                  <Link to={kindHref(q, k)} aria-current={kind === k ? "page" : undefined} className={`block rounded px-2 py-1 ${kind === k ? "bg-brand-100 font-semibold" : "text-brand-700 hover:bg-slate-100"}`}>
                    {t("search.kindCount", { kind: t(kindLabel(k)), count: formatSearchCount(counts[k], caps[k]) })}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="flex-1 space-y-6">
            {groups.map((group) => (
              <section key={group.kind} aria-labelledby={`search-${group.kind}`} className="space-y-2">
                <h2 id={`search-${group.kind}`} className="text-lg font-semibold">
                  {t("search.kindCount", { kind: t(kindLabel(group.kind)), count: formatSearchCount(group.count, caps[group.kind]) })}
                </h2>
                <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                  {group.hits.map((hit) => (
                    <li key={hit.id} className="px-4 py-2">
                      <Link to={hit.href} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {hit.title}
                      </Link>
                      {hit.context ? <p className="text-sm text-slate-600">{hit.context}</p> : null}
                    </li>
                  ))}
                </ul>
                {kind === null && group.count > group.hits.length ? (
                  <Link to={kindHref(q, group.kind)} className="text-sm text-brand-700 underline">
                    {t("search.showAll", { count: formatSearchCount(group.count, caps[group.kind]), kind: t(kindLabel(group.kind)) })}
                  </Link>
                ) : null}
              </section>
            ))}
            {kind ? <Pagination page={page} perPage={SEARCH_PAGE_SIZE} total={Math.min(counts[kind], SEARCH_COUNT_CAP)} /> : null}
          </div>
        </div>
      )}
    </div>
  );
}
