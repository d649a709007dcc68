import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { DataTable } from "~/components/lists/list-view";
import { iatiRefHintText } from "~/components/organisations/iati-ref-field";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { listOrganisationsWithoutIatiRef } from "~/models/organisation-admin.server";
import type { Column } from "~/utils/list-query";
import { withDomainErrors } from "~/utils/respond.server";
import { IatiAdminNav } from "~/components/iati/iati-admin-nav";

// The administrator's work list of organisations IATI files name without @ref
// (issue 17). A page of its own rather than a filter on /organisations: it is
// a to-do list before publishing, ordered by how much the organisation takes
// part in (the most-linked first), with where to look for each identifier;
// the organisation list's sorts, columns and exports serve another purpose.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Organisations without an IATI identifier · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [rows, t] = await Promise.all([listOrganisationsWithoutIatiRef(), requestTranslator(request)]);
  return json({ title: t("iatiPublisher.missing.metaTitle"), rows });
});

type Row = SerializeFrom<typeof loader>["rows"][number];

export default function OrganisationsWithoutIati() {
  const { rows } = useLoaderData<typeof loader>();
  const t = useT();
  const columns: Column<Row>[] = [
    { key: "name", header: t("iatiPublisher.missing.col.name"), text: (o) => o.shortName },
    { key: "country", header: t("iatiPublisher.missing.col.country"), text: (o) => (o.countryCode ? t.label("country", o.countryCode) : "") },
    { key: "type", header: t("iatiPublisher.missing.col.type"), text: (o) => t.label("organisationType", o.iatiTypeCode) },
    { key: "roles", header: t("iatiPublisher.missing.col.roles"), text: (o) => String(o.roles), align: "right" },
    { key: "hint", header: t("iatiPublisher.missing.col.hint"), text: (o) => iatiRefHintText(t, o.countryCode, o.iatiTypeCode) },
    { key: "edit", header: t("iatiPublisher.missing.edit"), text: () => t("iatiPublisher.missing.edit") },
  ];
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p className="text-sm">
        <Link to="/admin/publisher" className="text-brand-700 underline">
          ← {t("iatiPublisher.nav")}
        </Link>
      </p>
      <IatiAdminNav />
      <h1 className="text-2xl font-bold">{t("iatiPublisher.missing.title")}</h1>
      <p className="text-slate-700">{t("iatiPublisher.missing.intro")}</p>
      {rows.length ? <p className="text-sm text-slate-700">{t("iatiPublisher.missing.count", { count: rows.length })}</p> : null}
      <DataTable
        caption={t("iatiPublisher.missing.caption")}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        sort=""
        dir="asc"
        empty={t("iatiPublisher.missing.none")}
        render={{
          name: (o) => (
            <>
              <Link to={`/organisations/${o.id}`} className="font-medium text-brand-700 underline">
                {o.shortName}
              </Link>
              <div className="text-slate-600">{o.fullName}</div>
            </>
          ),
          hint: (o) => <span className="text-slate-700">{iatiRefHintText(t, o.countryCode, o.iatiTypeCode)}</span>,
          edit: (o) => (
            <Link to={`/organisations/${o.id}/edit`} className="whitespace-nowrap text-brand-700 underline" aria-label={`${t("iatiPublisher.missing.edit")}: ${o.shortName}`}>
              {t("iatiPublisher.missing.edit")}
            </Link>
          ),
        }}
      />
    </div>
  );
}
