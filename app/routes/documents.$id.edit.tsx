import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { DocumentForm } from "~/components/documents/document-form";
import { documentFormDefaults, documentFormOptions, requireDocument, updateDocument } from "~/models/document.server";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { documentFieldLabels, DocumentFormSchema } from "~/schemas/document";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.metaTitle ?? "Edit document"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const d = await requireDocument(scope, params.id ?? "");
  const t = await requestTranslator(request);
  const options = await documentFormOptions(t.locale, d);
  const defaults = documentFormDefaults(d);

  return json({ id: d.id, title: d.title, metaTitle: t("documents.edit.metaTitle", { title: d.title }), originalName: d.originalName, options, defaults });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireDocument(scope, params.id ?? "");
  const form = await parseForm(request, DocumentFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("documents.edit.noVersion"));
  const result = await runAction(form.values, documentFieldLabels(await requestTranslator(request)), () =>
    updateDocument(ctx, existing.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/documents/${existing.id}`, "saved");
});

export default function EditDocument() {
  const { id, title, originalName, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [fileBefore, fileAfter] = t("documents.edit.fileStays", { name: "\u0000" }).split("\u0000");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/documents/${id}`} className="text-brand-700 underline">
          {t("documents.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{t("documents.edit.title", { title })}</h1>
      <p className="text-sm text-slate-700">
        {fileBefore}
        <span className="break-all font-medium">{originalName}</span>
        {fileAfter}
      </p>
      <DocumentForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("documents.edit.submit")} withFile={false} />
    </div>
  );
}
