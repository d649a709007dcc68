import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { Badge, Card } from "~/components/ui/card";
import { requireProgramme } from "~/models/programme.server";
import { formatDate, formatDateRange, formatMoney, formatNumber, type Precision } from "~/utils/format";
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_TYPE_LABELS,
  DELIVERABLE_STATUS_LABELS,
  ORGANISATION_ROLE_LABELS,
  PROGRAMME_STATUS_LABELS,
} from "~/utils/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme.title} · Concord` : "Programme · Concord" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireUser(request);
  const programme = await requireProgramme(scope, params.code ?? "");
  return json({ programme, today: new Date().toISOString().slice(0, 10) });
}

function Empty({ children }: { children: string }) {
  return <p className="text-sm text-slate-600">{children}</p>;
}

export default function ProgrammePage() {
  const { programme: p, today } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">{p.code}</p>
        <h1 className="text-2xl font-bold">{p.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <Badge tone="green">{PROGRAMME_STATUS_LABELS[p.status]}</Badge>
          {p.actualStart || p.plannedStart || p.actualEnd || p.plannedEnd ? (
            <>
              <span>{formatDateRange(p.actualStart ?? p.plannedStart, p.actualEnd ?? p.plannedEnd)}</span>
              <span aria-hidden="true">·</span>
            </>
          ) : null}
          <span>{p.countries.map((c) => c.country.nameEn).join(", ") || "No partner country recorded"}</span>
        </div>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card title="About" className="lg:col-span-2">
          {p.description ? <p className="whitespace-pre-line text-slate-800">{p.description}</p> : <Empty>No description yet.</Empty>}
          {p.objectives ? (
            <>
              <h3 className="mt-4 text-sm font-semibold">Objectives</h3>
              <p className="whitespace-pre-line text-slate-800">{p.objectives}</p>
            </>
          ) : null}
          {p.sourceNote ? <p className="mt-4 text-xs text-slate-600">Source: {p.sourceNote}</p> : null}
        </Card>
        <Card title="Organisations">
          <ul className="space-y-1 text-sm">
            {p.organisations.map((o) => (
              <li key={`${o.organisationId}-${o.role}`}>
                <span className="font-medium">{o.organisation.shortName}</span>{" "}
                <span className="text-slate-600">— {ORGANISATION_ROLE_LABELS[o.role]}</span>
              </li>
            ))}
          </ul>
          <h3 className="mt-4 text-sm font-semibold">Budget</h3>
          <p className="text-sm">{formatMoney(p.budgetAmount, p.budgetCurrency)}</p>
          {p.sectors.length ? (
            <>
              <h3 className="mt-4 text-sm font-semibold">Sectors (DAC)</h3>
              <ul className="text-sm">
                {p.sectors.map((s) => (
                  <li key={s.sectorCode}>
                    {s.sectorCode} — {Number(s.percentage)}%
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>
      </div>

      <Card title={`Agreements (${p.agreements.length})`}>
        {p.agreements.length === 0 ? (
          <Empty>No agreements recorded for this programme.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {p.agreements.map((a) => (
              <li key={a.id} className="py-2 text-sm">
                <div className="font-medium">{a.title}</div>
                <div className="text-slate-600">
                  {AGREEMENT_TYPE_LABELS[a.type]} · {AGREEMENT_STATUS_LABELS[a.status]}
                  {a.signedOn ? ` · signed ${formatDate(a.signedOn, a.signedPrecision as Precision)}` : " · signature date not recorded"}
                  {a.parties.length ? ` · ${a.parties.map((x) => x.organisation.shortName).join(", ")}` : ""}
                  {a.value ? ` · ${formatMoney(a.value, a.currency)}` : ""}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={`Activities (${p.activities.length})`}>
        {p.activities.length === 0 ? (
          <Empty>No activities recorded for this programme.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {p.activities.map((a) => (
              <li key={a.id} className="py-2 text-sm">
                <div className="font-medium">{a.title}</div>
                <div className="text-slate-600">
                  {ACTIVITY_KIND_LABELS[a.kind]} · {ACTIVITY_STATUS_LABELS[a.status]}
                  {a.actualStart || a.plannedStart
                    ? ` · ${formatDateRange(a.actualStart ?? a.plannedStart, a.actualEnd ?? a.plannedEnd, a.datePrecision as Precision)}`
                    : ""}
                  {a.city || a.country ? ` · ${[a.city, a.country?.nameEn].filter(Boolean).join(", ")}` : ""}
                  {a.participantsTotal ? ` · ${formatNumber(a.participantsTotal)} participants` : ""}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={`Deliverables (${p.deliverables.length})`}>
        {p.deliverables.length === 0 ? (
          <Empty>No deliverables recorded for this programme.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {p.deliverables.map((d) => {
              const overdue = d.dueDate && d.dueDate.slice(0, 10) < today && (d.status === "NOT_STARTED" || d.status === "IN_PROGRESS");
              return (
                <li key={d.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                  <span className="font-medium">{d.title}</span>
                  <Badge tone={d.status === "ACCEPTED" ? "green" : "slate"}>{DELIVERABLE_STATUS_LABELS[d.status]}</Badge>
                  {overdue ? <Badge tone="red">Overdue</Badge> : null}
                  <span className="text-slate-600">
                    {d.dueDate ? `due ${formatDate(d.dueDate)}` : "no due date"}
                    {d.responsibleOrg ? ` · ${d.responsibleOrg.shortName}` : ""}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
