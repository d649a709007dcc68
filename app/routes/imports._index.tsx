import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ListHeader } from "~/components/lists/list-view";
import { Button } from "~/components/ui/button";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { MAX_IMPORT_ROWS } from "~/imports/cells";
import { checkImportFile, listImports, previewImport } from "~/imports/engine.server";
import { IMPORT_KINDS, importKind } from "~/imports/registry.server";
import { discardUpload, parseUploadForm } from "~/models/file-store.server";
import { DomainError } from "~/utils/errors.server";
import { message } from "~/i18n/translate";
import { withDomainErrors } from "~/utils/respond.server";

// Upload a spreadsheet (issue 19, points 1-4; ADR 0042), staff only: the file
// gets the document store's checks, is read and stored as a preview
// (/imports/:id); nothing is written to the records here. Below, the user's
// recent imports with their result.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Import · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const t = await requestTranslator(request);
  const kind = importKind(new URL(request.url).searchParams.get("kind"))?.name ?? IMPORT_KINDS[0].name;
  const recent = await listImports(ctx);
  return json({
    metaTitle: t("imports.metaTitle"),
    kind,
    kinds: IMPORT_KINDS.map((k) => ({ name: k.name, title: t(k.title) })),
    recent: recent.map((r) => ({
      id: r.id,
      fileName: r.fileName,
      kind: r.kind,
      status: r.status,
      expired: r.status === "PREVIEW" && r.expiresAt.getTime() < Date.now(),
      createdAt: r.createdAt.toISOString(),
      counts: { NEW: r.newRows, CHANGED: r.changedRows, UNCHANGED: r.unchangedRows, REFUSED: r.refusedRows },
    })),
  });
});

type ActionData = { errors: Record<string, string>; kind: string };

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { formData, file } = await parseUploadForm(request, "file");
  const kind = importKind(String(formData.get("kind") ?? ""))?.name ?? IMPORT_KINDS[0].name;
  const refuse = (msg: string) => json<ActionData>({ errors: { file: msg }, kind }, { status: 400 });
  if (!file) return refuse(message("imports.form.chooseFile"));
  if (!file.ok) return refuse(file.message);
  try {
    const checked = await checkImportFile(file.upload);
    if (!checked.ok) return refuse(checked.message);
    const id = await previewImport(ctx, kind, checked.file);
    return redirect(`/imports/${id}`);
  } catch (error) {
    if (error instanceof DomainError && error.code === "invalid") return refuse(error.message);
    throw error;
  } finally {
    await discardUpload(file.upload);
  }
});

export default function Imports() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const fmt = useFormat();
  const navigation = useNavigation();
  const fileError = answer?.errors.file;
  const kind = answer?.kind ?? data.kind;
  return (
    <div className="space-y-6">
      <ListHeader title={t("imports.title")} description={t("imports.intro")} />
      <section aria-labelledby="import-upload" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="import-upload" className="sr-only">
          {t("imports.form.submit")}
        </h2>
        <Form method="post" encType="multipart/form-data" className="space-y-4">
          <div>
            <label htmlFor="import-kind" className="block text-sm font-medium text-slate-800">
              {t("imports.form.kind")}
            </label>
            <select id="import-kind" name="kind" defaultValue={kind} className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm">
              {data.kinds.map((k) => (
                <option key={k.name} value={k.name}>
                  {k.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
              {t("imports.form.file")}
            </label>
            <p id="import-file-hint" className="mt-0.5 text-xs text-slate-600">
              {t("imports.form.fileHint", { rows: fmt.number(MAX_IMPORT_ROWS) })}
            </p>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`import-file-hint${fileError ? " import-file-error" : ""}`}
              className="mt-1 block w-full text-sm"
            />
            {fileError ? (
              <p id="import-file-error" className="mt-1 text-sm text-red-700">
                {t.text(fileError)}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={navigation.state === "submitting"}>
              {t("imports.form.submit")}
            </Button>
            <a href={`/imports/download?of=${encodeURIComponent(kind)}&format=xlsx&empty=1`} download className="text-sm font-medium text-brand-700 underline">
              {t("imports.link.template")}
            </a>
          </div>
        </Form>
      </section>
      <section aria-labelledby="import-recent" className="space-y-2">
        <h2 id="import-recent" className="text-lg font-semibold">
          {t("imports.recent.title")}
        </h2>
        {data.recent.length === 0 ? (
          <p className="text-sm text-slate-700">{t("imports.recent.none")}</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col" className="border-b border-slate-200 px-2 py-1">{t("imports.recent.file")}</th>
                <th scope="col" className="border-b border-slate-200 px-2 py-1">{t("imports.recent.kind")}</th>
                <th scope="col" className="border-b border-slate-200 px-2 py-1">{t("imports.recent.when")}</th>
                <th scope="col" className="border-b border-slate-200 px-2 py-1">{t("imports.recent.result")}</th>
              </tr>
            </thead>
            <tbody>
              {data.recent.map((r) => (
                <tr key={r.id}>
                  <td className="border-b border-slate-100 px-2 py-1">
                    <Link to={`/imports/${r.id}`} className="text-brand-700 underline">
                      {r.fileName}
                    </Link>
                  </td>
                  <td className="border-b border-slate-100 px-2 py-1">{data.kinds.find((k) => k.name === r.kind)?.title ?? r.kind}</td>
                  <td className="border-b border-slate-100 px-2 py-1">{fmt.dateTime(r.createdAt)}</td>
                  <td className="border-b border-slate-100 px-2 py-1">
                    {r.expired ? t("imports.status.expired") : t(`imports.status.${r.status}` as "imports.status.APPLIED")}
                    {" · "}
                    {(["NEW", "CHANGED", "UNCHANGED", "REFUSED"] as const).map((o) => `${t(`imports.preview.count.${o}`)} ${fmt.number(r.counts[o])}`).join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
