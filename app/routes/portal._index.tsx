import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import { Pagination } from "~/components/lists/list-view";
import { ProgrammeCards } from "~/components/portal/programme-cards";
import { StatCard } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { INTL_LOCALE } from "~/i18n/locales";
import { readerView } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { listPortalProgrammes, PORTAL_PROGRAMMES_PER_PAGE } from "~/models/portal.server";
import { portfolioSummary } from "~/models/programme.server";
import { parseListQuery } from "~/utils/list-query";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Progress portal · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  // One page of cards (?page=2 for the next): the summary counts them all.
  const { page, perPage } = parseListQuery(new URL(request.url).searchParams, { sorts: [], defaultSort: "", filters: [], perPage: PORTAL_PROGRAMMES_PER_PAGE });
  const [summary, programmes, t] = await Promise.all([
    portfolioSummary(scope),
    listPortalProgrammes(scope, new Date(), { page, perPage }),
    requestTranslator(request),
  ]);
  return json({
    summary,
    programmes: readerView(programmes, t.locale),
    page,
    perPage,
    countries: scope.countries,
    pageTitle: `${t("portal.title")} · ${t("common.appName")}`,
  });
});

export default function Portal() {
  const { summary, programmes, page, perPage, countries } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  // The partner's countries by name, in the language's alphabetical order.
  const names = countries.map((code) => t.label("country", code)).sort(new Intl.Collator(INTL_LOCALE[t.locale]).compare);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">{t("portal.title")}</p>
        <h1 className="break-words text-2xl font-bold">{t("portal.home.heading", { countries: names.join(", ") || t("portal.home.yourCountry") })}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("portal.home.intro")}</p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label={t("portal.home.summary")}>
        <StatCard label={t("portal.home.programmes")} value={fmt.number(summary.programmes)} />
        <StatCard label={t("portal.home.activities")} value={fmt.number(summary.activities)} />
        <StatCard label={t("portal.home.openDeliverables")} value={fmt.number(summary.deliverablesOpen)} />
        <StatCard
          label={t("portal.home.overdueDeliverables")}
          value={fmt.number(summary.deliverablesOverdue)}
          tone={summary.deliverablesOverdue > 0 ? "warning" : "default"}
        />
        <StatCard label={t("portal.home.participants")} value={fmt.number(summary.participants)} />
      </dl>
      <section aria-labelledby="programmes-heading" className="space-y-3">
        <h2 id="programmes-heading" className="text-lg font-semibold">
          {t("portal.home.programmesHeading", { count: summary.programmes })}
        </h2>
        <ProgrammeCards programmes={programmes} />
        {summary.programmes > perPage ? <Pagination page={page} perPage={perPage} total={summary.programmes} /> : null}
      </section>
    </div>
  );
}
