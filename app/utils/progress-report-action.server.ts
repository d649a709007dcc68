import { json, type AppLoadContext } from "@remix-run/node";
import type { Viewer } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import type { Ctx } from "~/models/ctx.server";
import { discardUpload, parseUploadForm } from "~/models/file-store.server";
import { addEvidence, approveReport, reopenReport, reportVersion, returnReport, saveDraft, submitReport } from "~/models/progress-report.server";
import { ApproveReportSchema, EvidenceFormSchema, ProgressReportFormSchema, ReopenReportSchema, ReturnReportSchema } from "~/schemas/progress-report";
import { runAction } from "./action.server";
import { redirectWithNotice } from "./flash.server";
import { invalid, parseForm, readFormValues } from "./form.server";

// Issue 18: the one action behind both report pages (the partner's
// /portal/reports/:id and the workspace's /progress-reports/:id), so the two
// cannot drift: the intents are the workflow's steps; the model refuses what
// the user may not do (reportAbilities), the route only guards who is signed in.
//
// "autosave" is the page's fetcher: it answers with the new version (JSON)
// instead of redirecting, and never claims the form's double-submit key (the
// Save draft or Submit button that follows must still save).

export async function progressReportAction(
  request: Request,
  context: AppLoadContext,
  guard: (request: Request) => Promise<Viewer>,
  id: string,
  path: string,
): Promise<Response> {
  const ctx = await writeContext(request, context, guard);
  // A report outside the scope is not found, whatever is asked of it.
  await reportVersion(ctx, id);
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) return evidenceUpload(request, ctx, id, path);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const t = await requestTranslator(request);
  const labels = {
    narrative: t("progressReport.section.NARRATIVE"),
    translations: t("progressReport.section.NARRATIVE"),
    indicators: t("progressReport.section.INDICATORS"),
    participants: t("progressReport.section.PARTICIPANTS"),
    items: t("progressReport.section.DELIVERABLES"),
  };
  switch (intent) {
    case "autosave": {
      formData.delete("_submission");
      const form = await parseForm(request, ProgressReportFormSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      const result = await runAction(form.values, labels, () => saveDraft(ctx, id, form.data.version, form.data, t.locale));
      if (!result.ok) return result.response;
      return json({ saved: true, version: result.result.version, errors: {}, values: null, formError: null, conflict: null });
    }
    case "save":
    case "submit": {
      const form = await parseForm(request, ProgressReportFormSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      // Submitting saves what is on the screen first: nothing typed is lost, even when the submission is refused.
      const result = await runAction(form.values, labels, async () => {
        const saved = await saveDraft(ctx, id, form.data.version, form.data, t.locale);
        return intent === "submit" ? submitReport(ctx, id, saved.version) : saved;
      });
      if (!result.ok) {
        // A refused submission after a saved draft: the form continues from the saved version.
        if (intent === "submit" && result.response.status === 400) return withSavedVersion(result.response, await reportVersion(ctx, id));
        return result.response;
      }
      throw await redirectWithNotice(path, intent === "submit" ? "report-submitted" : "report-saved");
    }
    case "return": {
      const form = await parseForm(request, ReturnReportSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      const result = await runAction(form.values, labels, () => returnReport(ctx, id, form.data.version, form.data.comments));
      if (!result.ok) return result.response;
      throw await redirectWithNotice(path, "report-returned");
    }
    case "approve": {
      const form = await parseForm(request, ApproveReportSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      const result = await runAction(form.values, labels, () => approveReport(ctx, id, form.data.version));
      if (!result.ok) return result.response;
      throw await redirectWithNotice(path, "report-approved");
    }
    case "reopen": {
      const form = await parseForm(request, ReopenReportSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      const result = await runAction(form.values, labels, () => reopenReport(ctx, id, form.data.version, form.data.reason));
      if (!result.ok) return result.response;
      throw await redirectWithNotice(path, "report-reopened");
    }
    default:
      return invalid({}, readFormValues(formData), message("portal.unknownAction"));
  }
}

/** The refusal's body with the version the draft was saved at, so the form's next save is not a conflict. */
async function withSavedVersion(response: Response, version: number): Promise<Response> {
  const body = (await response.json()) as { values?: Record<string, unknown> };
  if (body.values) body.values = { ...body.values, version: String(version) };
  return json(body, { status: response.status });
}

/** An evidence document (the only multipart form of the page): the document store's checks, the report's rights. */
async function evidenceUpload(request: Request, ctx: Ctx, id: string, path: string): Promise<Response> {
  const { formData, file } = await parseUploadForm(request);
  const form = await parseForm(request, EvidenceFormSchema, formData);
  const fileError = !file ? message("documents.new.chooseFile") : file.ok ? null : file.message;
  if (!form.ok || fileError || !file?.ok) {
    if (file?.ok) await discardUpload(file.upload);
    const t = await requestTranslator(request);
    return invalid({ ...(form.ok ? {} : form.errors), ...(fileError ? { file: t.text(fileError) } : {}) }, form.values);
  }
  const upload = file.upload;
  const result = await runAction(form.values, {}, () => addEvidence(ctx, id, form.data.title, upload));
  if (!result.ok) return result.response;
  throw await redirectWithNotice(path, "report-evidence");
}
