import { Form, useNavigation } from "@remix-run/react";
import type { FundingKind } from "@prisma/client";
import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { useFormat, useT } from "~/i18n/context";
import type { ImportPreview } from "~/iati/import/map.server";

// The IATI import page's three steps (app/routes/admin.iati-import.tsx): the
// source, the choice of an activity, and the preview with its two actions.

export type LinkableLine = {
  id: string;
  kind: FundingKind;
  programmeCode: string;
  programmeTitle: string;
  amount: string;
  currency: string;
  date: string;
  provider: string | null;
  providerActivityId: string | null;
};

export type ImportStage =
  | { stage: "source"; errors: Record<string, string>; url: string }
  | { stage: "choose"; activities: { identifier: string; title: string | null; xml: string }[] }
  | {
      stage: "preview";
      activityXml: string;
      preview: ImportPreview;
      lines: LinkableLine[];
      organisations: { id: string; shortName: string; iatiRef: string | null }[];
      intent: string | null;
      errors: Record<string, string>;
      values: Record<string, unknown>;
      formError: string | null;
    };

const card = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
const th = "border-b border-slate-200 px-2 py-1 text-left font-semibold";
const td = "border-b border-slate-100 px-2 py-1 align-top";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={card}>
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  const t = useT();
  return error ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {t.text(error)}
    </p>
  ) : null;
}

function Busy({ label }: { label: string }) {
  const navigation = useNavigation();
  return (
    <Button type="submit" disabled={navigation.state === "submitting"}>
      {label}
    </Button>
  );
}

export function ImportSource({ stage }: { stage?: Extract<ImportStage, { stage: "source" }> }) {
  const t = useT();
  const fileError = stage?.errors.file;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Section id="iati-upload" title={t("iatiImport.source.uploadTitle")}>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <div>
            <label htmlFor="iati-file" className="block text-sm font-medium text-slate-800">
              {t("iatiImport.source.file")}
            </label>
            <p id="iati-file-hint" className="mt-0.5 text-xs text-slate-600">
              {t("iatiImport.source.fileHint")}
            </p>
            <input
              id="iati-file"
              name="file"
              type="file"
              accept=".xml,application/xml,text/xml"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`iati-file-hint${fileError ? " iati-file-error" : ""}`}
              className="mt-1 block w-full text-sm"
            />
            <FieldError id="iati-file-error" error={fileError} />
          </div>
          <Busy label={t("iatiImport.source.read")} />
        </Form>
      </Section>
      <Section id="iati-url" title={t("iatiImport.source.urlTitle")}>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="fetch" />
          <TextField
            label={t("iatiImport.source.url")}
            hint={t("iatiImport.source.urlHint")}
            name="url"
            type="url"
            defaultValue={stage?.url ?? ""}
            error={stage?.errors.url}
          />
          <Busy label={t("iatiImport.source.fetch")} />
        </Form>
      </Section>
    </div>
  );
}

export function ActivityChoice({ stage }: { stage: Extract<ImportStage, { stage: "choose" }> }) {
  const t = useT();
  return (
    <Section id="iati-choose" title={t("iatiImport.choose.title", { count: stage.activities.length })}>
      <p className="mb-3 text-sm text-slate-700">{t("iatiImport.choose.intro")}</p>
      <table className="w-full text-sm">
        <caption className="sr-only">{t("iatiImport.choose.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("iatiImport.preview.identifier")}</th>
            <th scope="col" className={th}>{t("iatiImport.preview.title")}</th>
            <th scope="col" className={th}><span className="sr-only">{t("iatiImport.choose.preview")}</span></th>
          </tr>
        </thead>
        <tbody>
          {stage.activities.map((a) => (
            <tr key={a.identifier}>
              <td className={`${td} font-mono`}>{a.identifier}</td>
              <td className={td}>{a.title ?? "—"}</td>
              <td className={td}>
                <Form method="post">
                  <input type="hidden" name="intent" value="preview" />
                  <input type="hidden" name="activityXml" value={a.xml} />
                  <Button type="submit" variant="secondary" aria-label={t("iatiImport.choose.previewOne", { identifier: a.identifier })}>
                    {t("iatiImport.choose.preview")}
                  </Button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-700">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Notes({ notes }: { notes: string[] }) {
  const t = useT();
  return notes.length ? (
    <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-amber-900">
      {notes.map((n) => (
        <li key={n}>{t.text(n)}</li>
      ))}
    </ul>
  ) : null;
}

export function ImportPreviewView({ stage }: { stage: Extract<ImportStage, { stage: "preview" }> }) {
  const t = useT();
  const fmt = useFormat();
  const p = stage.preview;
  const errors = stage.errors;
  const value = (name: string) => (typeof stage.values[name] === "string" ? (stage.values[name] as string) : undefined);
  const chosenLinks = Array.isArray(stage.values.organisations) ? (stage.values.organisations as { link?: string }[]) : [];
  const existing = p.existing.programmes.length > 0 || p.existing.fundingLines.length > 0;
  const dash = (v: ReactNode) => (v === null || v === undefined || v === "" ? "—" : v);
  const range = (a: string | null, b: string | null) => `${a ?? "…"} – ${b ?? "…"}`;
  return (
    <div className="space-y-4">
      <Section id="iati-activity" title={t("iatiImport.preview.heading", { identifier: p.identifier })}>
        {stage.formError ? (
          <div role="alert" className="mb-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            {t.text(stage.formError)}
          </div>
        ) : null}
        {existing ? (
          <div role="status" className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {t("iatiImport.preview.existing")}{" "}
            {[...p.existing.programmes.map((x) => x.code), ...p.existing.fundingLines.map((l) => `${l.programmeCode} (${t.label("fundingKind", l.kind)})`)].join(", ")}
          </div>
        ) : null}
        <Facts
          rows={[
            [t("iatiImport.preview.identifier"), <span key="i" className="font-mono">{p.identifier}</span>],
            [t("iatiImport.preview.reportingOrg"), `${dash(p.reportingOrg.name)}${p.reportingOrg.ref ? ` (${p.reportingOrg.ref})` : ""}`],
            [t("iatiImport.preview.lastUpdated"), dash(p.lastUpdated)],
            [t("iatiImport.preview.title"), (
              <ul key="titles">
                {p.programme.titles.map((n) => (
                  <li key={n.lang + n.text}>
                    <span className="mr-2 rounded bg-slate-100 px-1 font-mono text-xs">{n.lang}</span>
                    {n.text}
                  </li>
                ))}
              </ul>
            )],
            [t("iatiImport.preview.description"), dash(p.programme.description)],
            [t("iatiImport.preview.status"), p.programme.status ? t.label("programmeStatus", p.programme.status) : "—"],
            [t("iatiImport.preview.planned"), range(p.programme.dates.plannedStart, p.programme.dates.plannedEnd)],
            [t("iatiImport.preview.actual"), range(p.programme.dates.actualStart, p.programme.dates.actualEnd)],
            [t("iatiImport.preview.countries"), dash(p.programme.countries.map((c) => `${t.label("country", c.code)}${c.percentage ? ` ${c.percentage}%` : ""}`).join(", "))],
            [t("iatiImport.preview.sectors"), dash(p.programme.sectors.map((s) => `${s.code}${s.percentage ? ` ${s.percentage}%` : ""}${s.imported ? "" : ` (${t("iatiImport.preview.notImported")})`}`).join(", "))],
          ]}
        />
        {Object.entries(p.programme.errors).map(([field, e]) => (
          <p key={field} className="mt-2 text-sm text-red-700">
            {t.text(e)}
          </p>
        ))}
        <Notes notes={p.programme.notes} />
      </Section>

      <Section id="iati-funding" title={t("iatiImport.preview.funding")}>
        <table className="w-full text-sm">
          <caption className="sr-only">{t("iatiImport.preview.funding")}</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("iatiImport.preview.kind")}</th>
              <th scope="col" className={th}>{t("iatiImport.preview.date")}</th>
              <th scope="col" className={`${th} text-right`}>{t("iatiImport.preview.amount")}</th>
              <th scope="col" className={th}>{t("iatiImport.preview.provider")}</th>
              <th scope="col" className={th}>{t("iatiImport.preview.receiver")}</th>
              <th scope="col" className={th}>{t("iatiImport.preview.becomes")}</th>
            </tr>
          </thead>
          <tbody>
            {p.funding.map((f, i) => (
              <tr key={i}>
                <td className={td}>{f.source === "budget" ? t("iatiImport.preview.budget") : t("iatiImport.preview.transaction", { code: f.typeCode ?? "?" })}</td>
                <td className={td}>{dash(f.date)}</td>
                <td className={`${td} text-right tabular-nums`}>{f.amount ? fmt.money(f.amount, f.currency) : "—"}</td>
                <td className={td}>{dash(f.providerName)}</td>
                <td className={td}>{dash(f.receiverName)}</td>
                <td className={td}>{f.form ? t.label("fundingKind", f.form.kind) : <span className="text-red-700">{t("iatiImport.preview.skipped", { reason: t.text(f.problem) })}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section id="iati-results" title={t("iatiImport.preview.results")}>
        {p.indicators.length === 0 ? <p className="text-sm text-slate-700">—</p> : null}
        <ul className="space-y-3 text-sm">
          {p.indicators.map((ind, i) => (
            <li key={i}>
              <p className="font-medium">
                {ind.resultTitle ? `${ind.resultTitle}: ` : ""}
                {dash(ind.title)}
              </p>
              {ind.form?.baselineValue !== undefined || ind.form?.baselineYear ? (
                <p>{t("iatiImport.preview.baseline", { value: ind.form?.baselineValue ?? "—", year: ind.form?.baselineYear ? String(ind.form.baselineYear) : "—" })}</p>
              ) : null}
              <ul className="pl-4">
                {ind.periods.map((per, j) => (
                  <li key={j}>
                    {range(per.start, per.end)}: {t("iatiImport.preview.period", { target: per.target ?? "—", actual: per.actual ?? "—" })}
                    {per.female || per.male ? ` · ${t("iatiImport.preview.bySex", { female: per.female ?? "—", male: per.male ?? "—" })}` : ""}
                  </li>
                ))}
              </ul>
              {ind.problem ? <p className="text-red-700">{t("iatiImport.preview.skipped", { reason: t.text(ind.problem) })}</p> : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="iati-documents" title={t("iatiImport.preview.documents")}>
        <p className="mb-2 text-sm text-slate-700">{t("iatiImport.preview.documentsNote")}</p>
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {p.documents.map((d) => (
            <li key={d.url}>
              <a className="text-brand-700 underline" href={d.url} rel="noopener noreferrer nofollow" target="_blank">
                {d.title[0]?.text ?? d.url}
              </a>
              {d.categories.length ? ` (${d.categories.join(", ")})` : ""}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="iati-create" title={t("iatiImport.create.title")}>
        <p className="mb-3 text-sm text-slate-700">{t("iatiImport.create.intro")}</p>
        <Form method="post" className="space-y-4">
          <input type="hidden" name="intent" value="create" />
          <input type="hidden" name="activityXml" value={stage.activityXml} />
          <TextField
            label={t("iatiImport.create.code")}
            hint={t("iatiImport.create.codeHint")}
            name="code"
            defaultValue={value("code") ?? p.programme.suggestedCode}
            error={errors.code}
            className="max-w-sm"
          />
          <table className="w-full text-sm">
            <caption className="mb-1 text-left font-semibold">{t("iatiImport.preview.organisations")}</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("iatiImport.preview.organisation")}</th>
                <th scope="col" className={th}>{t("iatiImport.preview.orgRef")}</th>
                <th scope="col" className={th}>{t("iatiImport.preview.roles")}</th>
                <th scope="col" className={th}>{t("iatiImport.preview.inConcord")}</th>
              </tr>
            </thead>
            <tbody>
              {p.organisations.map((o, i) => (
                <tr key={o.key}>
                  <td className={td}>{o.name}</td>
                  <td className={`${td} font-mono`}>{dash(o.ref)}</td>
                  <td className={td}>{dash(o.roles.map((r) => t.label("organisationRole", r)).join(", "))}</td>
                  <td className={td}>
                    <input type="hidden" name={`organisations.${i}.key`} value={o.key} />
                    <label htmlFor={`org-link-${i}`} className="sr-only">
                      {t("iatiImport.preview.linkOrganisation", { name: o.name })}
                    </label>
                    <select
                      id={`org-link-${i}`}
                      name={`organisations.${i}.link`}
                      defaultValue={chosenLinks[i]?.link ?? "new"}
                      aria-invalid={errors[`organisations.${i}.link`] ? true : undefined}
                      aria-describedby={errors[`organisations.${i}.link`] ? `org-link-${i}-error` : undefined}
                      className="rounded-md border border-slate-300 px-2 py-1"
                    >
                      <option value="new">{o.match ? t("iatiImport.preview.matched", { name: o.match.shortName }) : t("iatiImport.preview.willCreate")}</option>
                      {stage.organisations.map((org) => (
                        <option key={org.id} value={org.id}>
                          {t("iatiImport.preview.linkTo", { name: org.shortName })}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`org-link-${i}-error`} error={errors[`organisations.${i}.link`]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button type="submit" disabled={existing}>
            {t("iatiImport.create.submit")}
          </Button>
        </Form>
      </Section>

      <Section id="iati-link" title={t("iatiImport.link.title")}>
        <p className="mb-3 text-sm text-slate-700">{t("iatiImport.link.intro", { identifier: p.identifier })}</p>
        <Form method="post" className="space-y-4">
          <input type="hidden" name="intent" value="link" />
          <input type="hidden" name="activityXml" value={stage.activityXml} />
          <div>
            <label htmlFor="iati-funding-line" className="block text-sm font-medium text-slate-800">
              {t("iatiImport.link.fundingLine")}
            </label>
            <select
              id="iati-funding-line"
              name="fundingLineId"
              defaultValue={value("fundingLineId") ?? ""}
              aria-invalid={errors.fundingLineId ? true : undefined}
              aria-describedby={errors.fundingLineId ? "iati-funding-line-error" : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2 text-sm"
            >
              <option value="">{t("iatiImport.link.choose")}</option>
              {[...new Set(stage.lines.map((l) => l.programmeCode))].map((code) => (
                <optgroup key={code} label={code}>
                  {stage.lines
                    .filter((l) => l.programmeCode === code)
                    .map((l) => (
                      <option key={l.id} value={l.id}>
                        {`${t.label("fundingKind", l.kind)} · ${fmt.money(l.amount, l.currency)} · ${l.date}${l.provider ? ` · ${l.provider}` : ""}${l.providerActivityId ? ` · ${l.providerActivityId}` : ""}`}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <FieldError id="iati-funding-line-error" error={errors.fundingLineId} />
          </div>
          {p.reportingOrg.ref ? (
            <div>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="setProviderRef"
                  defaultChecked={stage.values.setProviderRef === "on"}
                  aria-describedby={errors.setProviderRef ? "iati-set-ref-error" : undefined}
                  className="mt-1"
                />
                {t("iatiImport.link.setProviderRef", { ref: p.reportingOrg.ref })}
              </label>
              <FieldError id="iati-set-ref-error" error={errors.setProviderRef} />
            </div>
          ) : null}
          <Button type="submit">{t("iatiImport.link.submit")}</Button>
        </Form>
      </Section>
    </div>
  );
}
