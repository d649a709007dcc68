import { Form, Link } from "@remix-run/react";
import type { Option } from "~/components/form/fields";

// The audit trail's filters: a GET form (works without JavaScript), its state in the URL.

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

export function AuditFilters({
  q,
  values,
  actions,
  entityTypes,
}: {
  q: string;
  values: Record<string, string | undefined>;
  actions: Option[];
  entityTypes: Option[];
}) {
  return (
    <Form method="get" role="search" aria-label="Filter the audit trail" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Labelled id="audit-q" label="Search everything (e-mail, record id, IP, details)">
          <input id="audit-q" type="search" name="q" defaultValue={q} className={input} />
        </Labelled>
        <Labelled id="audit-action" label="Action">
          <select id="audit-action" name="action" defaultValue={values.action ?? ""} className={input}>
            <option value="">Any</option>
            {actions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="audit-actor" label="Actor's e-mail">
          <input id="audit-actor" type="search" name="actor" defaultValue={values.actor ?? ""} className={input} />
        </Labelled>
        <Labelled id="audit-entity" label="Record type">
          <select id="audit-entity" name="entity" defaultValue={values.entity ?? ""} className={input}>
            <option value="">Any</option>
            {entityTypes.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="audit-from" label="From (UTC date)">
          <input id="audit-from" type="date" name="from" defaultValue={values.from ?? ""} className={input} />
        </Labelled>
        <Labelled id="audit-to" label="Until (UTC date, included)">
          <input id="audit-to" type="date" name="to" defaultValue={values.to ?? ""} className={input} />
        </Labelled>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className="min-h-[2.5rem] rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Apply
        </button>
        <Link to="?" className="text-sm font-medium text-brand-700 underline">
          Clear all
        </Link>
      </div>
    </Form>
  );
}
