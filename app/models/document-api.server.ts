import { message } from "~/i18n/translate";
import { DocumentFormSchema } from "~/schemas/document";
import { createValues, formApiResource, type ApiCaller } from "~/utils/api-resource.server";
import { apiTranslator, problem } from "~/utils/api-response.server";
import { DomainError } from "~/utils/errors.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { readFormValues } from "~/utils/form.server";
import { parseListQuery } from "~/utils/list-query";
import { assertStaff } from "./ctx.server";
import {
  createDocument,
  DOCUMENT_LIST,
  documentFormDefaults,
  getDocument,
  listDocuments,
  setDocumentArchived,
  updateDocument,
  type DocumentDetail,
  type DocumentRow,
} from "./document.server";
import { discardUpload, parseUploadForm } from "./file-store.server";

// Documents through the JSON API (/api/v1/documents, issue 19, point 5;
// ADR 0041). The metadata is JSON like every record's: the list is the
// documents page's query (filters, sorting, pages, scope: partners and donors
// see only shared documents of their programmes, as on the pages), PATCH and
// archive are the edit form's schema and model functions. A new document is
// an upload: multipart/form-data with the file in the `file` part and the
// upload form's fields in the others, streamed to disk and checked by the
// document store exactly as the upload page does (parseUploadForm,
// createDocument: size, type by content, archives). The file itself is
// GET /api/v1/documents/<id>/file (the download route's scope, audit and
// headers).

export type DocumentResource = ReturnType<typeof documentResource>;

const filePath = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}/file`;

export function documentResource(d: DocumentDetail) {
  return {
    ...documentFormDefaults(d),
    id: d.id,
    version: d.version,
    originalName: d.originalName,
    mimeType: d.mimeType,
    sizeBytes: d.sizeBytes,
    /** Where the file is: GET it with the same token. */
    file: filePath(d.id),
    archived: d.archivedAt !== null,
    updatedAt: d.updatedAt.toISOString(),
  };
}

function listItem(r: DocumentRow) {
  return {
    id: r.id,
    title: r.title,
    originalName: r.originalName,
    mimeType: r.mimeType,
    sizeBytes: r.sizeBytes,
    categoryCode: r.categoryCode,
    languageCode: r.languageCode,
    file: filePath(r.id),
  };
}

/**
 * The upload: the form's fields and the file, both refused together with
 * the form's own messages (a missing or refused file on `file`). The
 * temporary file is the caller's until createDocument takes it.
 */
async function readUpload(caller: ApiCaller, request: Request) {
  // Before the body is read: a partner's or donor's upload is not streamed to disk at all.
  assertStaff(caller);
  if (!/^multipart\/form-data;\s*boundary=/i.test(request.headers.get("content-type") ?? "")) {
    throw problem(request, "bad-request", 415, apiTranslator(request)("api.problem.multipartExpected"));
  }
  const { formData, file } = await parseUploadForm(request);
  try {
    const parsed = DocumentFormSchema.safeParse(createValues(readFormValues(formData)));
    const fileError = !file ? message("documents.new.chooseFile") : file.ok ? null : file.message;
    if (!parsed.success || fileError || !file?.ok) {
      const fields = { ...(parsed.success ? {} : zodErrorsToFieldErrors(parsed.error)), ...(fileError ? { file: fileError } : {}) };
      throw new DomainError("invalid", "Invalid document", { fields });
    }
    return { data: parsed.data, upload: file.upload };
  } catch (error) {
    if (file?.ok) await discardUpload(file.upload);
    throw error;
  }
}

export const documentApi = formApiResource({
  path: "/api/v1/documents",
  notFound: "Document not found",
  what: "document",
  schema: DocumentFormSchema,
  async list(caller, params) {
    const query = parseListQuery(params, DOCUMENT_LIST);
    const { rows, total } = await listDocuments(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  get: getDocument,
  defaults: documentFormDefaults,
  represent: documentResource,
  readCreate: readUpload,
  create: (ctx, { data, upload }) => createDocument(ctx, data, upload),
  update: updateDocument,
  setArchived: setDocumentArchived,
});
