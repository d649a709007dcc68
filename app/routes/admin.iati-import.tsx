import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ImportSource, ActivityChoice, ImportPreviewView, type ImportStage } from "~/components/iati-import/import-views";
import { ListHeader } from "~/components/lists/list-view";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { loadIatiSource, previewStage } from "~/iati/import/source.server";
import { createProgrammeFromIati, linkIatiActivity } from "~/iati/import/import.server";
import { IATI_IMPORT_MAX_BYTES } from "~/iati/import/parse.server";
import { IatiImportCreateSchema, IatiImportLinkSchema, IatiImportSourceSchema } from "~/schemas/iati-import";
import { readFormValues } from "~/utils/form.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { DomainError } from "~/utils/errors.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";
import { parseUploadForm } from "~/models/file-store.server";
import { IatiAdminNav } from "~/components/iati/iati-admin-nav";

// Import an IATI activity file (issue 17, point 9), administrators only: a
// file uploaded or fetched from a URL -> (a list to pick from when it holds
// several activities) -> the preview of what it maps to -> create a programme
// from it, or link it to an incoming funding line as the provider's activity.
// The steps carry the chosen activity's XML, not the file (see ADR 0034).

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Import from IATI"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const t = await requestTranslator(request);
  return json({ title: t("iatiImport.title") });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const multipart = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "");
  if (multipart) {
    // The upload: the file is streamed to a temporary file within the limit, then read.
    const { file } = await parseUploadForm(request, "file", { maxBytes: IATI_IMPORT_MAX_BYTES });
    return answer(await loadIatiSource({ file }));
  }
  // The steps post one activity's XML: bounded like a file (3x for URL encoding), well under the upload limit this path has.
  if (Number(request.headers.get("Content-Length") ?? 0) > 3 * IATI_IMPORT_MAX_BYTES) throw new Response("Payload Too Large", { status: 413 });
  const values = readFormValues(await request.formData());
  const intent = values.intent;
  if (intent === "fetch") {
    const parsed = IatiImportSourceSchema.safeParse(values);
    if (!parsed.success) return json<ImportStage>({ stage: "source", errors: zodErrorsToFieldErrors(parsed.error), url: String(values.url ?? "") }, { status: 400 });
    return answer(await loadIatiSource({ url: parsed.data.url }));
  }
  const xml = typeof values.activityXml === "string" ? values.activityXml : "";
  if (intent === "preview") return answer(await previewStage(xml));
  const schema = intent === "create" ? IatiImportCreateSchema : intent === "link" ? IatiImportLinkSchema : null;
  if (!schema) return json<ImportStage>({ stage: "source", errors: {}, url: "" }, { status: 400 });
  const parsed = schema.safeParse(values);
  if (!parsed.success) return json<ImportStage>(await previewStage(xml, { intent, errors: zodErrorsToFieldErrors(parsed.error), values }), { status: 400 });
  try {
    if (intent === "create") {
      const created = await createProgrammeFromIati(ctx, IatiImportCreateSchema.parse(values));
      throw await redirectWithNotice(`/programmes/${encodeURIComponent(created.code)}`, "created");
    }
    const linked = await linkIatiActivity(ctx, IatiImportLinkSchema.parse(values));
    throw await redirectWithNotice(`/funding/${linked.fundingLineId}`, "saved");
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
    const formError = !error.details.field || error.details.field === "_form" ? error.message : null;
    return json<ImportStage>(await previewStage(xml, { intent, errors: error.fieldMessages(), values, formError }), { status: 400 });
  }
});

/** 400 when the source was refused (the page shows why next to the field), else 200. */
function answer(stage: ImportStage) {
  return json<ImportStage>(stage, { status: stage.stage === "source" ? 400 : 200 });
}

export default function IatiImport() {
  const stage = useActionData<typeof action>() as ImportStage | undefined;
  const t = useT();
  return (
    <div className="space-y-6">
      <IatiAdminNav />
      <ListHeader title={t("iatiImport.title")} description={t("iatiImport.description")} />
      {!stage || stage.stage === "source" ? <ImportSource stage={stage} /> : null}
      {stage?.stage === "choose" ? <ActivityChoice stage={stage} /> : null}
      {stage?.stage === "preview" ? <ImportPreviewView stage={stage} /> : null}
    </div>
  );
}
