import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ListHeader, Pagination } from "~/components/lists/list-view";
import { Button } from "~/components/ui/button";
import { useFormat, useT } from "~/i18n/context";
import type { MessageKey } from "~/i18n/translate";
import { requestTranslator } from "~/i18n/request.server";
import { applyImport, discardImport, getImportPreview } from "~/imports/engine.server";
import { OUTCOMES, type Outcome } from "~/imports/row-outcomes";
import { requireImportKind } from "~/imports/registry.server";
import { DomainError } from "~/utils/errors.server";
import { useFocusIfLost } from "~/utils/lost-focus";
import { withDomainErrors } from "~/utils/respond.server";

// The preview of an upload (ADR 0042): counts, the rows grouped by outcome
// (new / changed cell by cell / unchanged / refused with each problem next to
// its cell, in the reader's language), a page at a time; apply writes all of
// it in one transaction, or nothing. Only the user who uploaded sees it.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Import preview · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const outcomeParam = url.searchParams.get("outcome");
  const outcome = (OUTCOMES as readonly string[]).includes(outcomeParam ?? "") ? (outcomeParam as Outcome) : null;
  const preview = await getImportPreview(ctx, params.id ?? "", { outcome, page: Number(url.searchParams.get("page") ?? "1") || 1, t });
  const kind = requireImportKind(preview.import.kind);
  const i = preview.import;
  return json({
    metaTitle: t("imports.preview.metaTitle"),
    import: {
      id: i.id,
      fileName: i.fileName,
      kind: i.kind,
      status: i.status,
      expired: i.expired,
      failure: i.failure,
      counts: { NEW: i.newRows, CHANGED: i.changedRows, UNCHANGED: i.unchangedRows, REFUSED: i.refusedRows } as Record<Outcome, number>,
      unknownColumns: (i.columns as { header: string; key: string | null }[]).filter((c) => !c.key && c.header).map((c) => c.header),
    },
    kindTitle: t(kind.title),
    recordPath: Object.fromEntries(preview.rows.filter((r) => r.recordId).map((r) => [r.recordId!, kind.recordPath(r.recordId!)])),
    columns: Object.fromEntries(preview.kind.columns.map((c) => [c.key, t(c.label as MessageKey)])),
    rows: preview.rows,
    outcome,
    page: preview.page,
    perPage: preview.perPage,
    total: preview.total,
  });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const intent = String((await request.formData()).get("intent") ?? "");
  const id = params.id ?? "";
  if (intent === "discard") await discardImport(ctx, id);
  else if (intent === "apply") await applyImport(ctx, id);
  else throw new DomainError("invalid", "Unknown intent");
  return redirect(`/imports/${id}`);
});

const TONE: Record<Outcome, string> = {
  NEW: "bg-blue-50 text-blue-900",
  CHANGED: "bg-amber-50 text-amber-900",
  UNCHANGED: "bg-slate-50 text-slate-700",
  REFUSED: "bg-red-50 text-red-900",
};

export default function ImportPreview() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const navigation = useNavigation();
  const i = data.import;
  // Apply and discard go with their answer: its message takes the focus.
  const result = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(result, { key: i.status });
  const writes = i.counts.NEW + i.counts.CHANGED;
  const col = (key: string) => (key === "_row" ? t("imports.preview.rowProblem") : (data.columns[key] ?? key));
  const tab = (o: Outcome | null) => (o ? `?outcome=${o}` : "?");
  // In the file's column order (the database keeps JSON keys in its own order); the row's own problems first.
  const order = ["_row", ...Object.keys(data.columns)];
  const ordered = <V,>(o: Record<string, V>) => Object.entries(o).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  return (
    <div className="space-y-6">
      <ListHeader
        title={t("imports.preview.title", { file: i.fileName })}
        description={`${data.kindTitle} · ${t("imports.preview.summary")}`}
        actions={
          <Link to={`/imports?kind=${i.kind}`} className="inline-flex min-h-[2.5rem] items-center rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50">
            {t("imports.preview.newImport")}
          </Link>
        }
      />
      {i.status === "APPLIED" ? (
        <p ref={result} tabIndex={-1} role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          {t("imports.preview.applied", { count: writes })}
        </p>
      ) : i.status === "FAILED" ? (
        <p ref={result} tabIndex={-1} role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {t("imports.preview.failed", { reason: t.text(i.failure) })}
        </p>
      ) : i.status === "DISCARDED" ? (
        <p ref={result} tabIndex={-1} role="status" className="rounded-md bg-slate-100 p-3 text-sm">{t("imports.preview.discarded")}</p>
      ) : i.expired ? (
        <p role="status" className="rounded-md bg-slate-100 p-3 text-sm">{t("imports.preview.expired")}</p>
      ) : null}
      <nav aria-label={t("imports.preview.rows")} className="flex flex-wrap gap-2 text-sm">
        <Link to={tab(null)} aria-current={data.outcome === null ? "page" : undefined} className="rounded-md px-3 py-2 ring-1 ring-slate-300 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white">
          {t("imports.preview.all")} ({fmt.number(i.counts.NEW + i.counts.CHANGED + i.counts.UNCHANGED + i.counts.REFUSED)})
        </Link>
        {OUTCOMES.map((o) => (
          <Link key={o} to={tab(o)} aria-current={data.outcome === o ? "page" : undefined} className="rounded-md px-3 py-2 ring-1 ring-slate-300 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white">
            {t(`imports.preview.count.${o}`)} ({fmt.number(i.counts[o])})
          </Link>
        ))}
      </nav>
      {i.unknownColumns.length ? <p className="text-sm text-slate-700">{t("imports.preview.unknownColumns", { columns: i.unknownColumns.join(", ") })}</p> : null}
      {i.status === "PREVIEW" && !i.expired ? (
        <div className="flex flex-wrap items-center gap-3">
          {i.counts.REFUSED > 0 ? (
            <p className="text-sm font-medium text-red-800">{t("imports.preview.refusedBlock")}</p>
          ) : writes === 0 ? (
            <p className="text-sm">{t("imports.preview.nothing")}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <Button type="submit" disabled={navigation.state === "submitting"}>
                {t("imports.preview.apply", { count: writes })}
              </Button>
            </Form>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="discard" />
            <Button type="submit" variant="secondary" disabled={navigation.state === "submitting"}>
              {t("imports.preview.discard")}
            </Button>
          </Form>
        </div>
      ) : null}
      {data.rows.length === 0 ? (
        <p className="text-sm">{t("imports.preview.noRows")}</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">{t("imports.preview.rows")}</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="border-b border-slate-200 px-2 py-1">{t("imports.preview.line")}</th>
              <th scope="col" className="border-b border-slate-200 px-2 py-1">{t("imports.preview.record")}</th>
              <th scope="col" className="border-b border-slate-200 px-2 py-1">{t("imports.preview.outcome")}</th>
              <th scope="col" className="border-b border-slate-200 px-2 py-1">{t("imports.preview.details")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id} className="align-top">
                <td className="border-b border-slate-100 px-2 py-1 tabular-nums">{r.line}</td>
                <td className="border-b border-slate-100 px-2 py-1">
                  {r.recordId && data.recordPath[r.recordId] ? (
                    <Link to={data.recordPath[r.recordId]} className="text-brand-700 underline">
                      {r.label || r.recordId}
                    </Link>
                  ) : (
                    r.label
                  )}
                </td>
                <td className="border-b border-slate-100 px-2 py-1">
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${TONE[r.outcome as Outcome]}`}>{t(`imports.preview.outcome.${r.outcome as Outcome}`)}</span>
                </td>
                <td className="border-b border-slate-100 px-2 py-1">
                  <ul className="space-y-0.5">
                    {ordered(r.errors).map(([key, msg]) => (
                      <li key={`e-${key}`} className="text-red-800">
                        <strong>{col(key)}</strong>: {t.text(msg)}
                      </li>
                    ))}
                    {r.outcome !== "UNCHANGED"
                      ? ordered(r.changes).map(([key, c]) => (
                          <li key={`c-${key}`}>
                            {t("imports.preview.change", { column: col(key), before: c.before || t("imports.preview.empty"), after: c.after || t("imports.preview.empty") })}
                          </li>
                        ))
                      : null}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} perPage={data.perPage} total={data.total} />
    </div>
  );
}
