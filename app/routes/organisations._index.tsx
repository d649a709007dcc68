import { useMemo } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListEmpty } from "~/components/lists/list-parts";
import { ImportLinks } from "~/components/imports/import-links";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { countryOptions } from "~/components/organisations/country-options";
import { organisationColumns } from "~/components/organisations/organisation-columns";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { listOrganisations, ORGANISATION_LIST, organisationCountryOptions } from "~/models/organisation-admin.server";
import { ORGANISATION_TYPE_OPTIONS } from "~/utils/codelists";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Organisations"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  // Full names in the reader's language where the records have them, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    ORGANISATION_LIST,
    (_scope, query, all) => listOrganisations(query, all).then((r) => inReaderLanguage(r, t.locale)),
    (tr) => ({ columns: organisationColumns(tr), filename: "concord-organisations", sheet: tr("organisations.list.title") }),
    organisationCountryOptions,
  );
  if ("file" in list) return list.file;
  return json({ pageTitle: t("organisations.list.title"), ...list.page, query: list.query, countries: list.extra });
});

export default function Organisations() {
  const { rows, total, query, countries } = useLoaderData<typeof loader>();
  const t = useT();
  const columns = useMemo(() => organisationColumns(t), [t]);
  const filters: FilterDef[] = [
    { kind: "select", name: "country", label: t("organisations.filter.country"), options: countryOptions(t, countries) },
    {
      kind: "select",
      name: "type",
      label: t("organisations.filter.type"),
      options: ORGANISATION_TYPE_OPTIONS.map((o) => ({
        value: o.value,
        label: t("organisations.form.codeOption", { code: o.value, name: t.label("organisationType", o.value) }),
      })),
    },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title={t("organisations.list.title")}
        description={t("organisations.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ImportLinks kind="organisations" />
            <ActionLink to="/organisations/new">{t("organisations.list.new")}</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel={t("organisations.list.search")} archived={query.archived} />
      <DataTable
        caption={t(query.archived ? "organisations.list.archivedCaption" : "organisations.list.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          shortName: (r) => (
            <>
              <Link to={`/organisations/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {r.shortName}
              </Link>
              {r.archivedAt ? (
                <span className="ml-2">
                  <Badge tone="amber">{t("organisations.archived")}</Badge>
                </span>
              ) : null}
            </>
          ),
          iatiRef: (r) => (r.iatiRef ? <span className="whitespace-nowrap">{r.iatiRef}</span> : "—"),
        }}
        empty={
          <ListEmpty
            query={query}
            one={t("organisations.list.one")}
            many={t("organisations.list.many")}
            create={{ to: "/organisations/new", label: t("organisations.list.first"), hint: t("organisations.list.firstHint") }}
          />
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
