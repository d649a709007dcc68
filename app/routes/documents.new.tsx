import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { DocumentForm } from "~/components/documents/document-form";
import { createDocument, documentFormOptions, documentPrefill } from "~/models/document.server";
import { discardUpload, parseUploadForm } from "~/models/file-store.server";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { documentFieldLabels, DocumentFormSchema } from "~/schemas/document";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Upload a document"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const t = await requestTranslator(request);
  const [options, defaults] = await Promise.all([documentFormOptions(t.locale), documentPrefill(url.searchParams)]);
  return json({ options, defaults, title: t("documents.new.title") });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  // The file is streamed to a temporary file while the body is parsed.
  const { formData, file } = await parseUploadForm(request);
  const form = await parseForm(request, DocumentFormSchema, formData);
  const fileError = !file ? message("documents.new.chooseFile") : file.ok ? null : file.message;
  if (!form.ok || fileError || !file?.ok) {
    if (file?.ok) await discardUpload(file.upload);
    // The file's refusal in the reader's language, like the other fields' (parseForm translates those).
    const t = await requestTranslator(request);
    const errors = { ...(form.ok ? {} : form.errors), ...(fileError ? { file: t.text(fileError) } : {}) };
    return invalid(errors, form.values);
  }
  const upload = file.upload;
  const result = await runAction(form.values, documentFieldLabels(await requestTranslator(request)), () =>
    createDocument(ctx, form.data, upload),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/documents/${result.result.id}`, "created");
});

export default function NewDocument() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("documents.new.title")}</h1>
      <p className="text-slate-700">{t("documents.new.intro")}</p>
      <DocumentForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("documents.new.submit")} withFile />
    </div>
  );
}
