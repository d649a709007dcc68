import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { auditColumns, auditCsvColumns } from "~/components/admin/audit-columns";
import { AuditFilters } from "~/components/admin/audit-filters";
import {
  CsvLink,
  DataTable,
  ListHeader,
  Pagination,
} from "~/components/lists/list-view";
import {
  AUDIT_LIST,
  auditFilterOptions,
  listAuditEvents,
  recordAuditExport,
} from "~/models/audit-log.server";
import { withNodes } from "~/components/ui/rich-text";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { csvResponse, datedFilename, toCsv } from "~/reports/csv.server";
import { auditActionLabel, entityTypeLabel } from "~/utils/labels-admin";
import { parseListQuery } from "~/utils/list-query";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title:
      (data as { title?: string } | undefined)?.title ??
      "Audit trail · Concord",
  },
];

// Read-only by design: this route has no action, and the database refuses
// any UPDATE or DELETE of an audit event.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const url = new URL(request.url);
  const query = parseListQuery(url.searchParams, AUDIT_LIST);
  if (url.searchParams.get("format") === "csv") {
    const t = await requestTranslator(request);
    const { rows } = await listAuditEvents(query, t, true);
    await recordAuditExport(ctx, query, rows.length);
    return csvResponse(
      toCsv(auditCsvColumns(t), rows),
      datedFilename("concord-audit-trail", "csv")
    );
  }
  const t = await requestTranslator(request);
  const [{ rows, total }, options] = await Promise.all([
    listAuditEvents(query, t),
    auditFilterOptions(),
  ]);
  return json({
    rows,
    total,
    query,
    options,
    title: t("admin.audit.metaTitle"),
  });
});

export default function AuditTrail() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const t = useT();
  const columns = auditColumns(t);
  const actions = options.actions
    .map((a: string) => ({ value: a, label: auditActionLabel(a, t) }))
    .sort((a: { label: string }, b: { label: string }) =>
      a.label.localeCompare(b.label, t.locale)
    );
  const entityTypes = options.entityTypes.map((e: string) => ({
    value: e,
    label: entityTypeLabel(e, t),
  }));
  return (
    <div className="space-y-4">
      <ListHeader
        title={t("admin.audit.title")}
        description={t("admin.audit.description")}
        actions={<CsvLink total={total} />}
      />
      <AuditFilters
        q={query.q}
        values={query.filters}
        actions={actions}
        entityTypes={entityTypes}
      />
      <DataTable
        caption={t("admin.audit.caption")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          entity: (r) => {
            const text = columns.find((c) => c.key === "entity")!.text(r);
            if (!text) return "—";
            return r.href ? (
              <Link
                to={r.href}
                className="text-brand-700 underline-offset-2 hover:underline"
              >
                {text}
              </Link>
            ) : (
              <span className="text-slate-700">{text}</span>
            );
          },
          details: (r) => (
            <span className="block max-w-md break-words text-slate-700">
              {columns.find((c) => c.key === "details")!.text(r) || "—"}
            </span>
          ),
        }}
        empty={
          query.q || Object.keys(query.filters).length ? (
            <>
              {withNodes(t("admin.audit.emptyFiltered"), {
                link: (
                  <Link to="?" className="text-brand-700 underline">
                    {t("admin.audit.clearFilters")}
                  </Link>
                ),
              })}
            </>
          ) : (
            <>{t("admin.audit.empty")}</>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
