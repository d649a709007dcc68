import { Form, Link } from "@remix-run/react";
import type { Option } from "~/components/form/fields";
import { useT } from "~/i18n/context";

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
  const t = useT();
  return (
    <Form method="get" role="search" aria-label={t("admin.audit.filter.label")} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Labelled id="audit-q" label={t("admin.audit.filter.q")}>
          <input id="audit-q" type="search" name="q" defaultValue={q} className={input} />
        </Labelled>
        <Labelled id="audit-action" label={t("admin.audit.filter.action")}>
          <select id="audit-action" name="action" defaultValue={values.action ?? ""} className={input}>
            <option value="">{t("admin.audit.filter.any")}</option>
            {actions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="audit-actor" label={t("admin.audit.filter.actor")}>
          <input id="audit-actor" type="search" name="actor" defaultValue={values.actor ?? ""} className={input} />
        </Labelled>
        <Labelled id="audit-entity" label={t("admin.audit.filter.entity")}>
          <select id="audit-entity" name="entity" defaultValue={values.entity ?? ""} className={input}>
            <option value="">{t("admin.audit.filter.any")}</option>
            {entityTypes.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="audit-from" label={t("admin.audit.filter.from")}>
          <input id="audit-from" type="date" name="from" defaultValue={values.from ?? ""} className={input} />
        </Labelled>
        <Labelled id="audit-to" label={t("admin.audit.filter.to")}>
          <input id="audit-to" type="date" name="to" defaultValue={values.to ?? ""} className={input} />
        </Labelled>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className="min-h-[2.5rem] rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          {t("admin.audit.filter.apply")}
        </button>
        <Link to="?" className="text-sm font-medium text-brand-700 underline">
          {t("admin.audit.filter.clear")}
        </Link>
      </div>
    </Form>
  );
}
