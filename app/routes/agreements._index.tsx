import { useMemo } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { agreementColumns } from "~/components/agreements/agreement-columns";
import { ImportLinks } from "~/components/imports/import-links";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink } from "~/components/records/record-parts";
import { countryOptions } from "~/components/organisations/country-options";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { inReaderLanguage } from "~/i18n/narrative";
import { AGREEMENT_LIST, listAgreements } from "~/models/agreement.server";
import { listFilterOptions } from "~/models/reference.server";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Agreements"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  // Titles in the reader's language where the records have them, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    AGREEMENT_LIST,
    (scope, query, all) => listAgreements(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    (tr, fmt) => ({ columns: agreementColumns(tr, fmt), filename: "concord-agreements", sheet: tr("agreements.list.title") }),
    () => listFilterOptions(t.locale),
  );
  if ("file" in list) return list.file;
  return json({ pageTitle: t("agreements.list.title"), ...list.page, query: list.query, options: list.extra });
});

export default function Agreements() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = useMemo(() => agreementColumns(t, fmt), [t, fmt]);
  const periods = [
    { value: "30", label: t("agreements.filter.days", { count: 30 }) },
    { value: "90", label: t("agreements.filter.days", { count: 90 }) },
    { value: "365", label: t("agreements.filter.year") },
  ];
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: t("agreements.filter.programme"), options: options.programmes },
    { kind: "select", name: "country", label: t("agreements.filter.country"), options: countryOptions(t, options.countries) },
    { kind: "select", name: "type", label: t("agreements.filter.type"), options: t.options("agreementType") },
    { kind: "select", name: "status", label: t("agreements.filter.status"), options: t.options("agreementStatus") },
    { kind: "select", name: "organisation", label: t("agreements.filter.party"), options: options.organisations },
    { kind: "date", name: "from", label: t("agreements.filter.from") },
    { kind: "date", name: "to", label: t("agreements.filter.to") },
    {
      kind: "select",
      name: "expiring",
      label: t("agreements.filter.expiring"),
      options: periods,
    },
    {
      kind: "select",
      name: "expired",
      label: t("agreements.filter.expired"),
      options: periods,
    },
  ];
  return (
    <div className="space-y-4">
      <ListHeader
        title={t("agreements.list.title")}
        description={t("agreements.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ImportLinks kind="agreements" />
            <ActionLink to="/agreements/new">{t("agreements.list.new")}</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel={t("agreements.list.search")} archived={query.archived} />
      <DataTable
        caption={t("agreements.list.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          title: (r) => <TitleLink to={`/agreements/${r.id}`} title={r.title} archived={r.archivedAt} />,
        }}
        empty={
          <ListEmpty
            query={query}
            one={t("agreements.list.one")}
            many={t("agreements.list.many")}
            create={{ to: "/agreements/new", label: t("agreements.list.first"), hint: t("agreements.list.firstHint") }}
          />
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
