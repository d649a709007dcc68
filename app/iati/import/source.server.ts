import fsp from "node:fs/promises";
import type { ImportStage } from "~/components/iati-import/import-views";
import { message } from "~/i18n/translate";
import { discardUpload, type UploadResult } from "~/models/file-store.server";
import { env } from "~/utils/env.server";
import { fetchIatiUrl } from "./fetch.server";
import { importOrganisationOptions, linkableFundingLines } from "./import.server";
import { previewActivity } from "./map.server";
import { decodeIatiBytes, IatiFileError, readIatiActivity, readIatiFile } from "./parse.server";

// The import page's steps as data: read a source (upload or URL) into the list
// of its activities or, with one activity, straight into its preview.

function sourceError(error: unknown, field: "file" | "url", url = ""): ImportStage {
  if (error instanceof IatiFileError) return { stage: "source", errors: { [field]: error.reason }, url };
  throw error;
}

/** The activities of an uploaded file or of the file at a URL. */
export async function loadIatiSource(source: { file: UploadResult | null } | { url: string }): Promise<ImportStage> {
  const field = "url" in source ? "url" : "file";
  const url = "url" in source ? source.url : "";
  let text: string;
  try {
    if ("url" in source) {
      text = decodeIatiBytes(await fetchIatiUrl(source.url, { allowPrivate: env().CONCORD_IATI_IMPORT_PRIVATE_URLS }));
    } else {
      const file = source.file;
      if (!file) return { stage: "source", errors: { file: message("iatiImport.file.choose") }, url };
      if (!file.ok) return { stage: "source", errors: { file: file.message }, url };
      try {
        text = decodeIatiBytes(new Uint8Array(await fsp.readFile(file.upload.tempPath)));
      } finally {
        await discardUpload(file.upload);
      }
    }
    const read = readIatiFile(text);
    if (read.activities.length === 1) return previewStage(read.activities[0].xml);
    return { stage: "choose", activities: read.activities.map((a) => ({ identifier: a.identifier, title: a.title[0]?.text ?? null, xml: a.xml })) };
  } catch (error) {
    return sourceError(error, field, url);
  }
}

/** The preview of one activity's XML (as the steps carry it), with the form's errors and values when it comes back. */
export async function previewStage(
  xml: string,
  form: { intent?: unknown; errors?: Record<string, string>; values?: Record<string, unknown>; formError?: string | null } = {},
): Promise<ImportStage> {
  let activity;
  try {
    activity = readIatiActivity(xml);
  } catch (error) {
    return sourceError(error, "file");
  }
  const [preview, lines, organisations] = await Promise.all([previewActivity(activity), linkableFundingLines(), importOrganisationOptions()]);
  return {
    stage: "preview",
    activityXml: xml,
    preview,
    lines: lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      programmeCode: l.programme.code,
      programmeTitle: l.programme.title,
      amount: l.amount.toString(),
      currency: l.currency,
      date: (l.transactionDate ?? l.valueDate).toISOString().slice(0, 10),
      provider: l.provider?.shortName ?? null,
      providerActivityId: l.providerActivityId,
    })),
    organisations,
    intent: typeof form.intent === "string" ? form.intent : null,
    errors: form.errors ?? {},
    values: form.values ?? {},
    formError: form.formError ?? null,
  };
}
