import type { Prisma } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import type { DocumentForm } from "~/schemas/document";
export { documentFieldLabels } from "~/schemas/document";
import { message, type Translator, type MessageKey } from "~/i18n/translate";
import { enqueueDocumentText } from "~/models/document-text.server";
import { prisma, type Tx } from "~/utils/db.server";
import { DependentsError, DomainError, notFoundError } from "~/utils/errors.server";
import { defaultDocumentCategory } from "~/utils/labels-document";
import { filterDate, type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { recordAudit } from "./audit.server";
import {
  checkUploadType,
  discardUpload,
  openStoredFile,
  removeStoredFile,
  storeUpload,
  type ReceivedUpload,
} from "./file-store.server";
import { auditChange, conflictSince, diffFields, snapshot, setArchived } from "./history.server";
import { assertStaff, auditSource, type Ctx } from "./ctx.server";
import { readerView } from "~/i18n/narrative";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { toDateInput } from "~/utils/format";

export const DOCUMENT_LIST = {
  sorts: ["title", "date", "size", "category"],
  defaultSort: "date",
  defaultDir: "desc",
  filters: ["programme", "category", "shareable", "from", "to"],
} as const satisfies ListSpec<string>;

export type DocumentFilter = (typeof DOCUMENT_LIST.filters)[number];

// Fields an edit may change, in the order the history shows them.
const FIELDS = [
  "title", "categoryCode", "description", "languageCode", "documentDate", "shareable", "isPublic",
  "programmeId", "agreementId", "activityId", "deliverableId", "outcomeId",
] as const;


/**
 * A document anyone outside the team may read: not archived, marked
 * shareable, and not attached to a record that is archived.
 */
export const PUBLISHED_DOCUMENT: Prisma.DocumentWhereInput = {
  archivedAt: null,
  shareable: true,
  AND: [
    { OR: [{ agreementId: null }, { agreement: { archivedAt: null } }] },
    { OR: [{ activityId: null }, { activity: { archivedAt: null } }] },
    { OR: [{ deliverableId: null }, { deliverable: { archivedAt: null } }] },
    { OR: [{ outcomeId: null }, { outcome: { archivedAt: null } }] },
  ],
};

/**
 * The documents a scope may see: the one rule every reader uses (pages, JSON,
 * downloads, lists, reports, IATI). Staff see every document (archived ones by
 * URL and in the archive list). Partners and donors see only published
 * documents (above) of a programme in their scope; a partner only those that
 * concern its countries (programmeChildWhere).
 */
export function documentWhere(scope: Scope): Prisma.DocumentWhereInput {
  if (scope.kind === "staff") return {};
  return { AND: [programmeChildWhere(scope, "document"), PUBLISHED_DOCUMENT] };
}

function where(scope: Scope, query: ListQuery<DocumentFilter>): Prisma.DocumentWhereInput {
  const f = query.filters;
  const and: Prisma.DocumentWhereInput[] = [documentWhere(scope)];
  if (scope.kind === "staff") and.push({ archivedAt: query.archived ? { not: null } : null });
  if (query.q) {
    const contains = searchContains(query.q);
    and.push({
      OR: [
        { title: contains },
        { originalName: contains },
        { description: contains },
        { programme: { title: contains } },
        { programme: { code: contains } },
        { agreement: { title: contains } },
        { activity: { title: contains } },
        { programme: { countries: { some: { country: { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] } } } } },
      ],
    });
  }
  if (f.programme) and.push({ programmeId: f.programme });
  if (f.category) and.push({ categoryCode: f.category });
  if (f.shareable === "yes") and.push({ shareable: true });
  if (f.shareable === "no") and.push({ shareable: false });
  // The document's own date when it has one, otherwise the day it was uploaded.
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from || to) {
    const toEnd = to ? new Date(to.getTime() + 86_400_000) : undefined;
    and.push({
      OR: [
        { documentDate: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } },
        { documentDate: null, createdAt: { ...(from ? { gte: from } : {}), ...(toEnd ? { lt: toEnd } : {}) } },
      ],
    });
  }
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.DocumentOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "title":
      return [{ title: dir }, { id: "asc" }];
    case "size":
      return [{ sizeBytes: dir }, { title: "asc" }, { id: "asc" }];
    case "category":
      return [{ categoryCode: dir }, { title: "asc" }, { id: "asc" }];
    default:
      return [{ documentDate: { sort: dir, nulls: "last" } }, { createdAt: dir }, { title: "asc" }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  title: true,
  lang: true,
  translations: true,
  originalName: true,
  mimeType: true,
  sizeBytes: true,
  categoryCode: true,
  languageCode: true,
  documentDate: true,
  createdAt: true,
  shareable: true,
  archivedAt: true,
  // Linked records' titles are shown in the reader's language (lang + translations).
  programme: { select: { code: true, title: true, lang: true, translations: true, countries: { select: { countryCode: true }, orderBy: { countryCode: "asc" } } } },
  agreement: { select: { id: true, title: true, lang: true, translations: true } },
  activity: { select: { id: true, title: true, lang: true, translations: true } },
  deliverable: { select: { id: true, title: true, lang: true, translations: true } },
  outcome: { select: { id: true, text: true, lang: true, translations: true } },
} satisfies Prisma.DocumentSelect;

export type DocumentRow = Prisma.DocumentGetPayload<{ select: typeof listSelect }>;

export async function listDocuments(scope: Scope, query: ListQuery<DocumentFilter>, all = false) {
  const w = where(scope, query);
  const [rows, total] = await Promise.all([
    prisma.document.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage }),
    }),
    prisma.document.count({ where: w }),
  ]);
  return { rows, total };
}

// Linked records carry lang + translations so the document's page can show their titles in the reader's language.
const detailInclude = {
  programme: { select: { id: true, code: true, title: true, lang: true, translations: true, archivedAt: true } },
  agreement: { select: { id: true, title: true, lang: true, translations: true, type: true, archivedAt: true } },
  activity: { select: { id: true, title: true, lang: true, translations: true, kind: true, archivedAt: true } },
  deliverable: { select: { id: true, title: true, lang: true, translations: true, archivedAt: true } },
  outcome: { select: { id: true, text: true, lang: true, translations: true, archivedAt: true } },
  uploadedBy: { select: { name: true, email: true } },
  evidenceFor: { select: { id: true, title: true, lang: true, translations: true, archivedAt: true } },
} satisfies Prisma.DocumentInclude;

export type DocumentDetail = Prisma.DocumentGetPayload<{ include: typeof detailInclude }>;

/** A document in the scope, or null (outside the scope is the same as missing). */
export async function getDocument(scope: Scope, id: string): Promise<DocumentDetail | null> {
  return prisma.document.findFirst({ where: { AND: [{ id }, documentWhere(scope)] }, include: detailInclude });
}

export async function requireDocument(scope: Scope, id: string): Promise<DocumentDetail> {
  const document = await getDocument(scope, id);
  if (!document) throw notFoundError("Document not found");
  return document;
}

/** The edit form's values of a document's metadata (the edit page and the JSON API hold the same). */
export function documentFormDefaults(d: DocumentDetail) {
  return {
    version: String(d.version),
    title: d.title,
    categoryCode: d.categoryCode,
    description: d.description ?? "",
    languageCode: d.languageCode ?? "",
    documentDate: toDateInput(d.documentDate),
    shareable: d.shareable,
    isPublic: d.isPublic,
    programmeId: d.programmeId,
    agreementId: d.agreementId ?? "",
    activityId: d.activityId ?? "",
    deliverableId: d.deliverableId ?? "",
    outcomeId: d.outcomeId ?? "",
    translations: narrativeDefaults(d.translations),
  };
}

/**
 * Opens a document's file for download through the scope, and records who
 * downloaded it. Null when the document is not in the scope or its file is
 * missing: both are a 404 for the user.
 */
export async function openDocumentForDownload(ctx: Ctx, id: string) {
  const document = await prisma.document.findFirst({
    where: { AND: [{ id }, documentWhere(ctx.scope)] },
    select: { id: true, sha256: true, originalName: true, mimeType: true, sizeBytes: true },
  });
  if (!document) return null;
  const file = await openStoredFile(document.sha256);
  if (!file) return null;
  await recordAudit({
    ...auditSource(ctx),
    action: "download",
    entityType: "Document",
    entityId: document.id,
    metadata: { originalName: document.originalName, sha256: document.sha256, sizeBytes: document.sizeBytes },
  });
  return { document, ...file };
}

/** Who downloaded a document, newest first (for its page). */
export async function listDownloads(id: string, take = 20) {
  return prisma.auditEvent.findMany({
    where: { entityType: "Document", entityId: id, action: "download" },
    orderBy: { at: "desc" },
    take,
    select: { id: true, at: true, actorEmail: true },
  });
}

/**
 * What the upload and edit forms offer: active programmes and the records a
 * document can be attached to. An edited document's current links stay
 * selectable even when archived, so saving does not silently drop them.
 */
export async function documentFormOptions(locale: Locale, current?: DocumentDetail) {
  const active = { archivedAt: null };
  const named = { lang: true, translations: true } as const;
  // Other records' names in the reader's language (issue 7, item 3); the labels are built from them.
  const [programmes, agreements, activities, deliverables, outcomes] = readerView(
    await Promise.all([
      prisma.programme.findMany({ where: active, select: { id: true, code: true, title: true, ...named }, orderBy: { title: "asc" } }),
      prisma.agreement.findMany({ where: { ...active, programme: active }, select: { id: true, title: true, ...named, programme: { select: { code: true } } }, orderBy: { title: "asc" } }),
      prisma.activity.findMany({ where: { ...active, programme: active }, select: { id: true, title: true, ...named, programme: { select: { code: true } } }, orderBy: { title: "asc" } }),
      prisma.deliverable.findMany({ where: { ...active, programme: active }, select: { id: true, title: true, ...named, programme: { select: { code: true } } }, orderBy: { title: "asc" } }),
      prisma.outcome.findMany({
        where: { ...active, activity: { ...active, programme: active } },
        select: { id: true, text: true, ...named, activity: { select: { programme: { select: { code: true } } } } },
        orderBy: { createdAt: "asc" },
      }),
    ]),
    locale,
  );
  const short = (s: string) => (s.length > 90 ? `${s.slice(0, 87)}…` : s);
  const keep = (list: { value: string; label: string }[], record: { id: string; title?: string; text?: string } | null | undefined, code: string) =>
    record && !list.some((o) => o.value === record.id)
      ? [...list, { value: record.id, label: `${short(record.title ?? record.text ?? "")} (${code}, archived)` }]
      : list;
  const code = current?.programme.code ?? "";
  return {
    programmes: keep(programmes.map((p) => ({ value: p.id, label: `${p.title} (${p.code})` })), current && { id: current.programme.id, title: current.programme.title }, code),
    agreements: keep(agreements.map((a) => ({ value: a.id, label: `${short(a.title)} (${a.programme.code})` })), current?.agreement, code),
    activities: keep(activities.map((a) => ({ value: a.id, label: `${short(a.title)} (${a.programme.code})` })), current?.activity, code),
    deliverables: keep(deliverables.map((d) => ({ value: d.id, label: `${short(d.title)} (${d.programme.code})` })), current?.deliverable, code),
    outcomes: keep(outcomes.map((o) => ({ value: o.id, label: `${short(o.text)} (${o.activity.programme.code})` })), current?.outcome, code),
  };
}

export type DocumentFormOptions = Awaited<ReturnType<typeof documentFormOptions>>;

type Links = Pick<DocumentForm, "programmeId" | "agreementId" | "activityId" | "deliverableId" | "outcomeId">;

/**
 * The upload form's starting values from ?programme=, ?agreement=,
 * ?activity=, ?deliverable=, ?outcome=: the narrower link decides the
 * programme, and the category starts from what the document is attached to.
 * Unknown or archived ids are ignored.
 */
export async function documentPrefill(params: URLSearchParams) {
  const get = (k: string) => params.get(k)?.trim().slice(0, 40) || undefined;
  const active = { archivedAt: null };
  const [programme, agreement, activity, deliverable, outcome] = await Promise.all([
    get("programme") ? prisma.programme.findFirst({ where: { ...active, OR: [{ id: get("programme") }, { code: get("programme") }] }, select: { id: true } }) : null,
    get("agreement") ? prisma.agreement.findFirst({ where: { ...active, id: get("agreement") }, select: { id: true, programmeId: true, type: true } }) : null,
    get("activity") ? prisma.activity.findFirst({ where: { ...active, id: get("activity") }, select: { id: true, programmeId: true } }) : null,
    get("deliverable") ? prisma.deliverable.findFirst({ where: { ...active, id: get("deliverable") }, select: { id: true, programmeId: true } }) : null,
    get("outcome") ? prisma.outcome.findFirst({ where: { ...active, id: get("outcome") }, select: { id: true, activity: { select: { programmeId: true } } } }) : null,
  ]);
  const programmeId =
    agreement?.programmeId ?? activity?.programmeId ?? deliverable?.programmeId ?? outcome?.activity.programmeId ?? programme?.id ?? "";
  return {
    programmeId,
    agreementId: agreement?.id ?? "",
    activityId: activity?.id ?? "",
    deliverableId: deliverable?.id ?? "",
    outcomeId: outcome?.id ?? "",
    categoryCode: defaultDocumentCategory({
      agreementType: agreement?.type,
      activity: Boolean(activity),
      deliverable: Boolean(deliverable),
      outcome: Boolean(outcome),
    }),
    shareable: false,
    isPublic: false,
  };
}

/** How the messages name each kind of record a document can be attached to. */
type What = "agreement" | "activity" | "deliverable" | "outcome";
const WHAT: Record<What, { name: MessageKey; chosen: MessageKey; active: MessageKey }> = {
  agreement: { name: "documents.v.what.agreement", chosen: "documents.v.chosen.agreement", active: "documents.v.activeAgreement" },
  activity: { name: "documents.v.what.activity", chosen: "documents.v.chosen.activity", active: "documents.v.activeActivity" },
  deliverable: { name: "documents.v.what.deliverable", chosen: "documents.v.chosen.deliverable", active: "documents.v.activeDeliverable" },
  outcome: { name: "documents.v.what.outcome", chosen: "documents.v.chosen.outcome", active: "documents.v.activeOutcome" },
};

/**
 * Checks what the document is attached to and returns its programme: each
 * linked record must exist (and be active, unless it is already the
 * document's link), and all must belong to one programme, which the
 * narrower links decide.
 */
async function resolveProgramme(data: Links, current?: Links): Promise<string> {
  const changed = (field: keyof Links) => !current || current[field] !== data[field];
  const found: { field: keyof Links; what: What; programmeId: string; title: string }[] = [];
  const check = async <T extends { programmeId: string; title: string; archivedAt: Date | null } | null>(
    field: keyof Links,
    what: What,
    load: (id: string) => Promise<T>,
  ) => {
    const id = data[field];
    if (!id) return;
    const record = await load(id);
    if (!record || (record.archivedAt && changed(field))) {
      throw new DomainError("invalid", message(WHAT[what].active), { field });
    }
    found.push({ field, what, programmeId: record.programmeId, title: record.title });
  };
  await check("agreementId", "agreement", (id) => prisma.agreement.findUnique({ where: { id }, select: { programmeId: true, title: true, archivedAt: true } }));
  await check("activityId", "activity", (id) => prisma.activity.findUnique({ where: { id }, select: { programmeId: true, title: true, archivedAt: true } }));
  await check("deliverableId", "deliverable", (id) => prisma.deliverable.findUnique({ where: { id }, select: { programmeId: true, title: true, archivedAt: true } }));
  await check("outcomeId", "outcome", async (id) => {
    const o = await prisma.outcome.findUnique({ where: { id }, select: { text: true, archivedAt: true, activity: { select: { programmeId: true } } } });
    return o ? { programmeId: o.activity.programmeId, title: o.text, archivedAt: o.archivedAt } : null;
  });
  const programmeId = data.programmeId || found[0]?.programmeId;
  if (!programmeId) throw new DomainError("invalid", message("documents.v.belongsTo"), { field: "programmeId" });
  const programme = await prisma.programme.findUnique({ where: { id: programmeId }, select: { id: true, title: true, archivedAt: true } });
  if (!programme || (programme.archivedAt && (!current || current.programmeId !== programmeId))) {
    throw new DomainError("invalid", message("documents.v.activeProgramme"), { field: "programmeId" });
  }
  for (const link of found) {
    if (link.programmeId !== programmeId) {
      throw new DomainError(
        "invalid",
        data.programmeId && found[0].programmeId === link.programmeId
          ? message("documents.v.otherProgramme", { what: `@${WHAT[link.what].name}`, title: link.title, programme: programme.title })
          : message("documents.v.otherProgrammeThanChosen", { what: `@${WHAT[link.what].name}`, title: link.title, chosen: `@${WHAT[found[0].what].chosen}` }),
        { field: link.field },
      );
    }
  }
  return programmeId;
}

function columns(data: DocumentForm, programmeId: string) {
  return {
    programmeId,
    agreementId: data.agreementId ?? null,
    activityId: data.activityId ?? null,
    deliverableId: data.deliverableId ?? null,
    outcomeId: data.outcomeId ?? null,
    title: data.title,
    categoryCode: data.categoryCode,
    description: data.description ?? null,
    languageCode: data.languageCode ?? null,
    documentDate: data.documentDate ?? null,
    shareable: data.shareable,
    isPublic: data.isPublic,
  };
}

/** Serialises writes that add or remove a stored file with the same hash. */
async function lockFile(tx: Tx, sha256: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`concord-file:${sha256}`}))`;
}

/** A document with its file, from the document form (staff). */
export async function createDocument(ctx: Ctx, data: DocumentForm, upload: ReceivedUpload) {
  assertStaff(ctx);
  return storeNewDocument(ctx, upload, async () => {
    const programmeId = await resolveProgramme(data);
    return { ...columns(data, programmeId), translations: mergeNarratives({}, data.translations) as Prisma.InputJsonObject };
  });
}

/**
 * Issue 18: an evidence document of a progress report, uploaded by whoever
 * may fill the report in (the caller checks that): attached to the report and
 * its programme, shared with the programme's partners, never public.
 */
export async function createReportEvidence(ctx: Ctx, report: { id: string; programmeId: string }, title: string, upload: ReceivedUpload) {
  return storeNewDocument(ctx, upload, async () => ({
    programmeId: report.programmeId,
    progressReportId: report.id,
    title,
    // IATI DocumentCategory A07: review of project performance and evaluation.
    categoryCode: "A07",
    shareable: true,
    isPublic: false,
  }));
}

/**
 * Stores an uploaded file with its metadata. The file's content is checked
 * first; the row, its audit event and the move into the store happen
 * together, and a refused or failed upload leaves neither a row nor a file.
 */
async function storeNewDocument(
  ctx: Ctx,
  upload: ReceivedUpload,
  metadata: () => Promise<Omit<Prisma.DocumentUncheckedCreateInput, "sha256" | "originalName" | "mimeType" | "sizeBytes">>,
) {
  let stored = false;
  try {
    const type = await checkUploadType(upload);
    if (!type.ok) throw new DomainError("invalid", type.message, { field: "file" });
    const data = await metadata();
    return await prisma.$transaction(async (tx) => {
      await lockFile(tx, upload.sha256);
      const created = await tx.document.create({
        data: {
          ...data,
          sha256: upload.sha256,
          originalName: upload.originalName,
          mimeType: type.mimeType,
          sizeBytes: upload.sizeBytes,
          uploadedById: ctx.actor.id,
        },
      });
      await auditChange(tx, ctx, {
        action: "create",
        entityType: "Document",
        entityId: created.id,
        changes: snapshot(created, [...FIELDS, "originalName", "sha256", "mimeType", "sizeBytes"]),
        version: created.version,
      });
      // Issue 19: its text for search, read by a job once this commits.
      await enqueueDocumentText(tx, created);
      // Last, so a failed move rolls the row back.
      await storeUpload(upload, tx);
      stored = true;
      return created;
    });
  } catch (error) {
    // The move happened but the commit did not: remove the file unless another document has it.
    if (stored) await removeFileIfUnused(upload.sha256);
    throw error;
  } finally {
    await discardUpload(upload);
  }
}

export async function updateDocument(ctx: Ctx, id: string, version: number, data: DocumentForm) {
  assertStaff(ctx);
  const current = await prisma.document.findUnique({ where: { id } });
  if (!current) throw notFoundError("Document not found");
  const programmeId = await resolveProgramme(data, {
    programmeId: current.programmeId,
    agreementId: current.agreementId ?? undefined,
    activityId: current.activityId ?? undefined,
    deliverableId: current.deliverableId ?? undefined,
    outcomeId: current.outcomeId ?? undefined,
  });
  return prisma.$transaction(async (tx) => {
    const before = await tx.document.findUnique({ where: { id } });
    if (!before) throw notFoundError("Document not found");
    const next = columns(data, programmeId);
    // Translations: the form's languages replaced, any other language kept.
    const translations = mergeNarratives(before.translations, data.translations) as Prisma.InputJsonObject;
    const updated = await tx.document.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
    if (updated.count === 0) return conflictSince(tx, "Document", id, version, before);
    const changes = diffFields(before, { ...before, ...next }, [...FIELDS]);
    if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
      changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
    }
    await auditChange(tx, ctx, { action: "update", entityType: "Document", entityId: id, changes, version: version + 1 });
    return { id, changed: Object.keys(changes) };
  });
}

export async function setDocumentArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "Document",
    id,
    archived,
    find: (tx) => tx.document.findUnique({ where: { id } }),
    update: (tx, data) => tx.document.update({ where: { id }, data }),
  });
}

/** Deleting the evidence of a deliverable would leave the deliverable without it. */
export class EvidenceInUseError extends DependentsError {
  constructor(deliverableTitle: string) {
    super([{ type: "deliverable", title: deliverableTitle }]);
    this.message = message("documents.v.evidenceInUse", { title: deliverableTitle });
  }

  /** Its own sentence (which deliverable, what to do), not the general list of dependents. */
  override describe(t: Translator): string {
    return t.text(this.message);
  }
}

/** Removes a stored file when no document refers to it any more. */
async function removeFileIfUnused(sha256: string) {
  await prisma.$transaction(async (tx) => {
    await lockFile(tx, sha256);
    const users = await tx.document.count({ where: { sha256 } });
    if (users === 0) await removeStoredFile(sha256, tx);
  });
}

/**
 * Deletes a document, refused while a deliverable uses it as evidence. The
 * file goes too, unless another document has the same content.
 */
export async function deleteDocument(ctx: Ctx, id: string) {
  assertStaff(ctx);
  const deleted = await prisma.$transaction(async (tx) => {
    const document = await tx.document.findUnique({ where: { id }, include: { evidenceFor: { select: { title: true } } } });
    if (!document) throw notFoundError("Document not found");
    if (document.evidenceFor) throw new EvidenceInUseError(document.evidenceFor.title);
    await tx.document.delete({ where: { id } });
    await auditChange(tx, ctx, {
      action: "delete",
      entityType: "Document",
      entityId: id,
      changes: snapshot(document, [...FIELDS, "originalName", "sha256", "mimeType", "sizeBytes"]),
    });
    return document;
  });
  await removeFileIfUnused(deleted.sha256);
  return deleted;
}
