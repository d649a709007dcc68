import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { AUDIT_COLUMNS } from "~/components/admin/audit-columns";
import { AuditFilters } from "~/components/admin/audit-filters";
import { CsvLink, DataTable, ListHeader, Pagination } from "~/components/lists/list-view";
import { AUDIT_LIST, auditFilterOptions, listAuditEvents, recordAuditExport } from "~/models/audit-log.server";
import { csvResponse, datedFilename, toCsv } from "~/reports/csv.server";
import { auditActionLabel, ENTITY_TYPE_LABELS } from "~/utils/labels-admin";
import { parseListQuery } from "~/utils/list-query";

export const meta: MetaFunction = () => [{ title: "Audit trail · Concord" }];

// Read-only by design: this route has no action, and the database refuses
// any UPDATE or DELETE of an audit event.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request);
  const url = new URL(request.url);
  const query = parseListQuery(url.searchParams, AUDIT_LIST);
  if (url.searchParams.get("format") === "csv") {
    const { rows } = await listAuditEvents(query, true);
    await recordAuditExport({ id: user.id, email: user.email }, query, rows.length, context.clientIp);
    return csvResponse(toCsv(AUDIT_COLUMNS, rows), datedFilename("concord-audit-trail", "csv"));
  }
  const [{ rows, total }, options] = await Promise.all([listAuditEvents(query), auditFilterOptions()]);
  return json({ rows, total, query, options });
}

export default function AuditTrail() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const actions = options.actions.map((a: string) => ({ value: a, label: auditActionLabel(a) })).sort((a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label));
  const entityTypes = options.entityTypes.map((t: string) => ({ value: t, label: ENTITY_TYPE_LABELS[t] ?? t }));
  return (
    <div className="space-y-4">
      <ListHeader
        title="Audit trail"
        description="Who did what, when and from where: sign-ins, changes to records, exports, account and access changes. Newest first; it cannot be edited."
        actions={<CsvLink total={total} />}
      />
      <AuditFilters q={query.q} values={query.filters} actions={actions} entityTypes={entityTypes} />
      <DataTable
        caption="Audit events"
        columns={AUDIT_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          entity: (r) => {
            const text = AUDIT_COLUMNS.find((c) => c.key === "entity")!.text(r);
            if (!text) return "—";
            return r.href ? (
              <Link to={r.href} className="text-brand-700 underline-offset-2 hover:underline">
                {text}
              </Link>
            ) : (
              <span className="text-slate-700">{text}</span>
            );
          },
          details: (r) => <span className="block max-w-md break-words text-slate-700">{AUDIT_COLUMNS.find((c) => c.key === "details")!.text(r) || "—"}</span>,
        }}
        empty={
          query.q || Object.keys(query.filters).length ? (
            <>
              Nothing matches these filters. <Link to="?" className="text-brand-700 underline">Clear the filters</Link>.
            </>
          ) : (
            <>Nothing has been recorded yet.</>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
