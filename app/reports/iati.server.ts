import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import AidType from "~/data/iati/codelists/AidType";
import CollaborationType from "~/data/iati/codelists/CollaborationType";
import FileFormat from "~/data/iati/codelists/FileFormat";
import FinanceType from "~/data/iati/codelists/FinanceType";
import FlowType from "~/data/iati/codelists/FlowType";
import TiedStatus from "~/data/iati/codelists/TiedStatus";
import { programmeChildWhere, programmeWhere, type ChildKind, type Scope } from "~/auth/scope.server";
import { enums as enEnums } from "~/i18n/messages/en/enums";
import { enums as koEnums } from "~/i18n/messages/ko/enums";
import { enums as ruEnums } from "~/i18n/messages/ru/enums";
import { message } from "~/i18n/translate";
import { documentWhere, PUBLISHED_DOCUMENT } from "~/models/document.server";
import { recordAudit } from "~/models/audit.server";
import { auditSource, type Ctx } from "~/models/ctx.server";
import { childIatiIdentifier, publishedProgrammeIdentifier } from "~/models/iati-identifier.server";
import { getPublisher, type Publisher } from "~/models/publisher.server";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors.server";
import {
  IATI_ACTIVITY_DATE_TYPE,
  IATI_ACTIVITY_ORG_ROLE,
  IATI_ACTIVITY_STATUS,
  IATI_AGREEMENT_STATUS,
  IATI_AID_TYPE_VOCABULARY_DAC,
  IATI_BUDGET_STATUS_INDICATIVE,
  IATI_BUDGET_TYPE_ORIGINAL,
  IATI_COOPERATION_ACTIVITY_STATUS,
  IATI_DESCRIPTION_TYPE,
  IATI_DESCRIPTION_TYPE_OTHER,
  IATI_INDICATOR_MEASURE,
  IATI_INDICATOR_VOCABULARY_REPORTING_ORG,
  IATI_LOCATION,
  IATI_ORGANISATION_ROLE,
  IATI_PARTY_ROLE,
  IATI_RELATED_ACTIVITY_TYPE,
  IATI_RESULT_TYPE,
  IATI_SECTOR_VOCABULARY_DAC5,
  IATI_REGION_VOCABULARY_DAC,
  IATI_SEX_DIMENSION,
  IATI_TRANSACTION_TYPE,
  IATI_VERSION,
} from "./iati-codes";
import {
  activityOrganisations,
  activityOutcomes,
  dayTime,
  instantTime,
  readActivityRows,
  readDeliverableRows,
  rowScope,
  type ActivityRow,
  type Day,
  type DeliverableRow,
  type Instant,
  type OutcomeRow,
  type RowScope,
} from "./iati-rows.server";
import { XmlBufferWriter } from "./xml-text-writer";

// IATI 2.03 activity file, written as the centre's own publication (issue 17,
// docs/decisions/0032-iati-activity-hierarchy.md):
// - reporting-org is the publisher (PublisherSettings) in every activity; the
//   file is refused (DomainError) until an administrator has entered it;
// - a programme is a level-1 activity; each live agreement that is not an
//   amendment and each live, non-cancelled cooperation activity is a level-2
//   activity, linked both ways with related-activity; deliverables,
//   indicators and workshop outcomes are results of the record they belong to;
// - identifiers are the stored ones (IatiPublishedActivity,
//   Programme.iatiIdentifier), else minted under the publisher;
// - each activity is written in full first, so its content hash (sha256
//   without last-updated-datetime) decides its last-updated-datetime, which
//   is then put into its start tag.
//
// Streaming: programmes are read IATI_PROGRAMME_BATCH at a time; their children with one
// bounded query per kind for the whole batch (programmeId IN the batch),
// selecting only the columns written; each programme's activities are
// written as UTF-8 into one Buffer (XmlBufferWriter: no strings of
// activities or programmes, hashed in place) that is handed over as soon as
// the programme is done, so neither rows nor XML of the whole portfolio are
// ever held in memory (docs/performance.md, issue 17 session 12: building
// the 97 MB file as strings was half of the export's allocation; most of the
// rest was Prisma mapping the batch's rows, so the two largest kinds,
// activities and deliverables, are read as flat SQL rows: iati-rows.server.ts).
//
// What is published: non-archived records only; documents only when marked
// public (Document.isPublic) and attached to live records. The selection is
// either a viewer's scope (downloads: programmeWhere and programmeChildWhere,
// exactly as in the rest of the app) or the public selection (programmes
// marked iatiPublished, not archived, with all their live children). The
// element order follows the xsd:sequence of iati-activities-schema.xsd.

// Four programmes a batch: a synthetic programme brings ~200 activities and
// their groups, documents and results, so the rows of a batch dominate the
// server's memory. Measured on the 115-programme bench portfolio (22,848 IATI
// activities, 97 MB): 16 a batch peaked at 623 MB RSS in-process, 4 at 355 MB,
// in the same time (session 11, /work/notes/s11/iati-time.mts).
export const IATI_PROGRAMME_BATCH = 4;

export type IatiSelection = Scope | { public: true };
export type IatiRecordType = "PROGRAMME" | "AGREEMENT" | "ACTIVITY";

/** What the writer tells the publication step about each activity it wrote (helper D stores it). */
export type IatiActivityInfo = {
  recordType: IatiRecordType;
  recordId: string;
  programmeId: string;
  iatiIdentifier: string;
  /** sha256 (hex) of the activity's XML without its last-updated-datetime attribute. */
  contentHash: string;
};

export type IatiExportOptions = {
  /** One programme by code; without it, every programme in the selection. */
  code?: string | null;
  generatedAt?: Date;
  /** The publisher; read with getPublisher() when not given. */
  publisher?: Publisher;
  /** Returns the activity's last-updated-datetime (and may store the identifier and hash). */
  onActivity?: (info: IatiActivityInfo) => Promise<Date>;
  /** "Today" for the rules that depend on it (actual dates, actual values); tests pin it. */
  now?: Date;
};

const isPublicSelection = (s: IatiSelection): s is { public: true } => "public" in s && s.public === true;

// ---------------------------------------------------------------------------
// Entry points

/** The programmes an export covers: a code in the selection, or the whole non-archived selection. */
function exportWhere(selection: IatiSelection, code: string | null | undefined): Prisma.ProgrammeWhereInput {
  const base: Prisma.ProgrammeWhereInput = isPublicSelection(selection)
    ? { iatiPublished: true, archivedAt: null }
    : code
      ? programmeWhere(selection)
      : { AND: [programmeWhere(selection), { archivedAt: null }] };
  return code ? { AND: [base, { code }] } : base;
}

/** The programme with this code if the scope may export it, else null (404). */
export async function findExportableProgramme(scope: Scope, code: string) {
  return prisma.programme.findFirst({ where: exportWhere(scope, code), select: { id: true, code: true } });
}

export function iatiFilename(code: string | null | undefined, today = new Date()): string {
  const base = (code ?? "portfolio").replace(/[^A-Za-z0-9._-]+/g, "-");
  return `concord-iati-${base}-${today.toISOString().slice(0, 10)}.xml`;
}

/**
 * The publisher settings, or a refusal the reader can act on: without them
 * there is no reporting organisation and no identifier to mint, and a file
 * under someone else's name is exactly what issue 17 removed.
 */
export async function requirePublisher(): Promise<Publisher> {
  const publisher = await getPublisher();
  if (!publisher) throw new DomainError("invalid", message("iatiExport.publisherMissing"));
  return publisher;
}

/**
 * Starts an export for a viewer: null when the programme asked for is not in
 * the scope (the route answers 404); a DomainError when the publisher settings
 * are missing (the route shows it as a page message); otherwise records the
 * audit event and returns the file name and the XML as a stream of UTF-8 chunks.
 */
export async function startIatiExport(
  ctx: Ctx,
  options: IatiExportOptions,
): Promise<{ filename: string; chunks: AsyncGenerator<Buffer> } | null> {
  const scope = ctx.scope;
  const code = options.code || null;
  let entityId: string | undefined;
  if (code) {
    const programme = await findExportableProgramme(scope, code);
    if (!programme) return null;
    entityId = programme.id;
  }
  const publisher = options.publisher ?? (await requirePublisher());
  await recordAudit({
    ...auditSource(ctx),
    action: "export",
    entityType: code ? "Programme" : undefined,
    entityId,
    metadata: { format: "iati-xml", programme: code },
  });
  return { filename: iatiFilename(code), chunks: iatiXmlBytes(scope, { ...options, code, publisher }) };
}

/** The whole file as one string (tests and small exports). */
export async function buildIatiXml(selection: IatiSelection, options: IatiExportOptions = {}): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of iatiXmlBytes(selection, options)) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** The file as text chunks: the header, then one chunk per programme with its level-2 activities. */
export async function* iatiXmlChunks(selection: IatiSelection, options: IatiExportOptions = {}): AsyncGenerator<string> {
  for await (const chunk of iatiXmlBytes(selection, options)) yield chunk.toString("utf8");
}

/**
 * The file as UTF-8 chunks, as the routes send it: the header, then one
 * chunk per programme with its level-2 activities, then the closing tag.
 * Each programme is written into one Buffer (XmlBufferWriter) and handed
 * over as it is: no string of an activity or a programme is ever built.
 */
export async function* iatiXmlBytes(selection: IatiSelection, options: IatiExportOptions = {}): AsyncGenerator<Buffer> {
  const publisher = options.publisher ?? (await requirePublisher());
  const now = options.now ?? new Date();
  const generated = options.generatedAt ?? now;
  yield Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="${IATI_VERSION}" generated-datetime="${isoDateTime(generated)}">\n`,
  );
  // Indented one level inside <iati-activities>; reused for every programme (take() hands its bytes over).
  const xml = new XmlBufferWriter(1);

  const where = exportWhere(selection, options.code);
  // Built once: every batch's raw reads then send the same SQL text.
  const rows = rowScope(isPublicSelection(selection) ? null : selection);
  let after: string | null = null;
  for (;;) {
    const batch: IatiProgramme[] = await prisma.programme.findMany({
      where: after ? { AND: [where, { code: { gt: after } }] } : where,
      include: programmeInclude,
      orderBy: { code: "asc" },
      take: IATI_PROGRAMME_BATCH,
    });
    if (batch.length === 0) break;
    const children = await loadChildren(selection, rows, batch);
    const ctx: WriteCtx = { publisher, now, onActivity: options.onActivity, stored: children.stored, orgs: children.orgs, xml };
    for (const programme of batch) {
      // The programme first, then its agreements, then its cooperation activities.
      const b = placeRecords(programme, children, publisher.ref);
      await finishActivity(ctx, writeProgramme(ctx, b));
      for (let i = 0; i < b.agreements.length; i++) await finishActivity(ctx, writeAgreement(ctx, b, i));
      for (let i = 0; i < b.activities.length; i++) await finishActivity(ctx, writeCooperationActivity(ctx, b, i));
      yield xml.take();
    }
    after = batch[batch.length - 1].code;
    if (batch.length < IATI_PROGRAMME_BATCH) break;
  }
  yield Buffer.from("</iati-activities>\n");
}

// ---------------------------------------------------------------------------
// Reading: the programme rows of a batch, then each kind of child for the
// whole batch in one query

/**
 * What the file says of an organisation. Child rows carry only the
 * organisation's id: each organisation is read once a batch into one shared
 * object (readOrganisations), instead of a full copy per link row (80,000
 * links on the bench portfolio).
 */
const orgSelect = {
  id: true,
  shortName: true,
  fullName: true,
  iatiTypeCode: true,
  iatiRef: true,
  lang: true,
  translations: true,
} satisfies Prisma.OrganisationSelect;

type Org = Prisma.OrganisationGetPayload<{ select: typeof orgSelect }>;

const programmeInclude = {
  organisations: { include: { organisation: { select: orgSelect } }, orderBy: [{ organisationId: "asc" }, { role: "asc" }] },
  countries: { orderBy: { countryCode: "asc" } },
  regions: { orderBy: { regionCode: "asc" } },
  sectors: { orderBy: [{ percentage: "desc" }, { sectorCode: "asc" }] },
} satisfies Prisma.ProgrammeInclude;

type IatiProgramme = Prisma.ProgrammeGetPayload<{ include: typeof programmeInclude }>;

/** The live records of a kind the selection shows: all of them publicly, the scope's share for a viewer. */
function childWhere<K extends ChildKind>(selection: IatiSelection, kind: K) {
  return isPublicSelection(selection)
    ? { archivedAt: null }
    : { AND: [{ archivedAt: null }, programmeChildWhere(selection, kind)] };
}

/**
 * Documents in any IATI file: marked public, not archived, attached to live
 * records (PUBLISHED_DOCUMENT's rules for that), and for a viewer also
 * visible to the viewer (documentWhere).
 */
function documentSelection(selection: IatiSelection): Prisma.DocumentWhereInput {
  const live: Prisma.DocumentWhereInput = { isPublic: true, archivedAt: null, AND: PUBLISHED_DOCUMENT.AND };
  return isPublicSelection(selection) ? live : { AND: [live, documentWhere(selection)] };
}

// Each child query selects only what the file writes (Prisma's types hold the
// writer to it): the rows of a batch are the export's largest allocation, and
// whatever outlives a few young-generation collections is promoted and stays
// until the next full collection (docs/performance.md, issue 17). Activities
// and deliverables (most of the rows) come from iati-rows.server.ts instead.
const recordText = { lang: true, translations: true, updatedAt: true } as const;

async function loadChildren(selection: IatiSelection, rows: RowScope, batch: IatiProgramme[]) {
  const ids = batch.map((p) => p.id);
  const programmeId = { in: ids };
  const [agreements, activities, deliverables, indicators, funding, documents, stored] = await Promise.all([
    prisma.agreement.findMany({
      where: { AND: [{ programmeId }, childWhere(selection, "agreement")] },
      select: {
        id: true,
        programmeId: true,
        parentId: true,
        title: true,
        description: true,
        reference: true,
        status: true,
        signedOn: true,
        effectiveOn: true,
        expiresOn: true,
        createdAt: true,
        ...recordText,
        // Ordered, so that the file (and its content hash) does not depend on the query plan.
        parties: { select: { organisationId: true, role: true }, orderBy: [{ organisationId: "asc" }, { role: "asc" }] },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    readActivityRows(ids, rows),
    readDeliverableRows(ids, rows),
    prisma.indicator.findMany({
      where: { AND: [{ programmeId }, childWhere(selection, "indicator")] },
      select: {
        id: true,
        programmeId: true,
        agreementId: true,
        resultType: true,
        measure: true,
        title: true,
        description: true,
        unitLabel: true,
        ascending: true,
        baselineValue: true,
        baselineYear: true,
        baselineComment: true,
        ...recordText,
        periods: {
          orderBy: { periodStart: "asc" },
          select: {
            periodStart: true,
            periodEnd: true,
            targetValue: true,
            actualValue: true,
            targetFemale: true,
            targetMale: true,
            actualFemale: true,
            actualMale: true,
            targetComment: true,
            actualComment: true,
          },
        },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.fundingLine.findMany({
      where: { AND: [{ programmeId }, childWhere(selection, "funding")] },
      select: {
        programmeId: true,
        kind: true,
        providerOrgId: true,
        receiverOrgId: true,
        fiscalYear: true,
        periodStart: true,
        periodEnd: true,
        transactionDate: true,
        valueDate: true,
        amount: true,
        currency: true,
        description: true,
        providerActivityId: true,
        receiverActivityId: true,
        updatedAt: true,
      },
      orderBy: [{ valueDate: "asc" }, { id: "asc" }],
    }),
    prisma.document.findMany({
      where: { AND: [{ programmeId }, documentSelection(selection)] },
      select: {
        id: true,
        programmeId: true,
        agreementId: true,
        activityId: true,
        deliverableId: true,
        outcomeId: true,
        mimeType: true,
        categoryCode: true,
        title: true,
        description: true,
        languageCode: true,
        documentDate: true,
        ...recordText,
      },
      orderBy: [{ documentDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.iatiPublishedActivity.findMany({
      where: { programmeId },
      select: { recordType: true, recordId: true, iatiIdentifier: true, contentHash: true, lastUpdatedAt: true },
    }),
  ]);
  const orgs = await readOrganisations([
    ...agreements.flatMap((a) => a.parties.map((p) => p.organisationId)),
    ...activities.flatMap((a) => activityOrganisations(a).map((o) => o.organisationId)),
    ...funding.flatMap((f) => [f.providerOrgId, f.receiverOrgId]),
  ]);
  return {
    agreements: byProgramme(agreements),
    activities: byProgramme(activities),
    deliverables: byProgramme(deliverables),
    indicators: byProgramme(indicators),
    funding: byProgramme(funding),
    documents: byProgramme(documents),
    stored: new Map(stored.map((s) => [`${s.recordType}:${s.recordId}`, s])),
    orgs,
  };
}

/** The organisations the batch's rows link to, one shared object each, by id. */
async function readOrganisations(ids: (string | null)[]): Promise<Map<string, Org>> {
  const wanted = [...new Set(ids.filter((id): id is string => id != null))];
  if (wanted.length === 0) return new Map();
  const rows = await prisma.organisation.findMany({ where: { id: { in: wanted } }, select: orgSelect });
  return new Map(rows.map((o) => [o.id, o]));
}

type Children = Awaited<ReturnType<typeof loadChildren>>;
type AgreementRow = Children["agreements"] extends Map<string, (infer R)[]> ? R : never;
type IndicatorRow = Children["indicators"] extends Map<string, (infer R)[]> ? R : never;
type Funding = Children["funding"] extends Map<string, (infer R)[]> ? R : never;
type Doc = Children["documents"] extends Map<string, (infer R)[]> ? R : never;

function byProgramme<R extends { programmeId: string }>(rows: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const list = out.get(r.programmeId);
    if (list) list.push(r);
    else out.set(r.programmeId, [r]);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The hierarchy: which Concord record becomes which IATI activity, and where
// each deliverable, indicator, outcome and document goes (ADR 0032)

type Node = {
  recordType: IatiRecordType;
  recordId: string;
  identifier: string;
  /** Amendments folded into this record (an agreement's; the programme takes those whose parent is not published). */
  amendments: AgreementRow[];
  deliverables: DeliverableRow[];
  indicators: IndicatorRow[];
  documents: Doc[];
};

type Built = {
  programme: IatiProgramme;
  children: Children;
  programmeNode: Node;
  agreements: { row: AgreementRow; node: Node }[];
  activities: { row: ActivityRow; node: Node }[];
};

/** An activity written into ctx.xml, not yet finished: its bytes are [start, end), its start tag's name ends at `mark`. */
type Written = { start: number; mark: number; end: number };
type PendingActivity = { node: Node; programmeId: string; xml: Written; newest: Date };

function placeRecords(p: IatiProgramme, children: Children, publisherRef: string): Built {
  const stored = (type: IatiRecordType, id: string) => children.stored.get(`${type}:${id}`)?.iatiIdentifier;
  const programmeIdentifier = p.iatiIdentifier ?? stored("PROGRAMME", p.id) ?? publishedProgrammeIdentifier(p, publisherRef);
  const node = (recordType: IatiRecordType, recordId: string, identifier: string): Node => ({
    recordType,
    recordId,
    identifier,
    amendments: [],
    deliverables: [],
    indicators: [],
    documents: [],
  });
  const programmeNode = node("PROGRAMME", p.id, programmeIdentifier);
  const child = (type: "AGREEMENT" | "ACTIVITY", id: string) =>
    node(type, id, stored(type, id) ?? childIatiIdentifier(programmeIdentifier, type, id));

  const agreementRows = children.agreements.get(p.id) ?? [];
  const agreements = agreementRows.filter((a) => a.parentId == null).map((row) => ({ row, node: child("AGREEMENT", row.id) }));
  const agreementNode = new Map(agreements.map((a) => [a.row.id, a.node]));
  // Amendments fold into their parent (or the programme, when the parent is not in the file).
  for (const a of agreementRows) {
    if (a.parentId == null) continue;
    const parent = agreementNode.get(a.parentId) ?? programmeNode;
    parent.amendments.push(a);
    agreementNode.set(a.id, parent);
  }

  const activities = (children.activities.get(p.id) ?? []).map((row) => ({ row, node: child("ACTIVITY", row.id) }));
  const activityNode = new Map(activities.map((a) => [a.row.id, a.node]));
  const documents = children.documents.get(p.id) ?? [];
  // Outcomes are parsed from their row's text only when a document is attached to one.
  const outcomeActivity = new Map(
    documents.some((d) => d.outcomeId) ? activities.flatMap((a) => activityOutcomes(a.row).map((o) => [o.id, a.node] as const)) : [],
  );

  // A deliverable is a result of the most specific published record it belongs to.
  const deliverableNode = new Map<string, Node>();
  for (const d of children.deliverables.get(p.id) ?? []) {
    const target = (d.activityId && activityNode.get(d.activityId)) || (d.agreementId && agreementNode.get(d.agreementId)) || programmeNode;
    target.deliverables.push(d);
    deliverableNode.set(d.id, target);
  }
  for (const i of children.indicators.get(p.id) ?? []) {
    ((i.agreementId && agreementNode.get(i.agreementId)) || programmeNode).indicators.push(i);
  }
  for (const d of documents) {
    const target =
      (d.deliverableId && deliverableNode.get(d.deliverableId)) ||
      (d.outcomeId && outcomeActivity.get(d.outcomeId)) ||
      (d.activityId && activityNode.get(d.activityId)) ||
      (d.agreementId && agreementNode.get(d.agreementId)) ||
      programmeNode;
    target.documents.push(d);
  }
  return { programme: p, children, programmeNode, agreements, activities };
}

type WriteCtx = {
  publisher: Publisher;
  now: Date;
  onActivity?: (info: IatiActivityInfo) => Promise<Date>;
  stored: Children["stored"];
  /** Where the programme's activities are written (one writer for the whole file). */
  xml: XmlBufferWriter;
  /** The batch's organisations by id (readOrganisations). */
  orgs: Children["orgs"];
};

/** A linked organisation (the foreign key guarantees it exists; readOrganisations read every one the batch links to). */
function orgOf(ctx: WriteCtx, id: string): Org {
  const org = ctx.orgs.get(id);
  if (!org) throw new Error(`organisation ${id} was not read with its batch`);
  return org;
}

const optionalOrg = (ctx: WriteCtx, id: string | null): Org | null => (id == null ? null : orgOf(ctx, id));

/**
 * Hashes the activity as built, asks for (or works out) its
 * last-updated-datetime and puts it in as the first attribute. The hash is
 * taken over the bytes in the writer (no copy), which are the UTF-8 of the
 * activity's text: the same digest as hashing that text.
 */
async function finishActivity(ctx: WriteCtx, a: PendingActivity): Promise<void> {
  const xml = ctx.xml;
  if (xml.length !== a.xml.end) throw new Error("an activity was written after the one being finished");
  const contentHash = createHash("sha256").update(xml.view(a.xml.start, a.xml.end)).digest("hex");
  const info: IatiActivityInfo = {
    recordType: a.node.recordType,
    recordId: a.node.recordId,
    programmeId: a.programmeId,
    iatiIdentifier: a.node.identifier,
    contentHash,
  };
  const stored = ctx.stored.get(`${a.node.recordType}:${a.node.recordId}`);
  const unchanged = stored?.lastUpdatedAt && stored.contentHash === contentHash ? stored.lastUpdatedAt : null;
  // The hook (the public file) is only asked when the content is new or
  // changed: an unchanged activity keeps its stored date without a write, so
  // reading the public file costs no statement per unchanged activity.
  let updated: Date;
  if (unchanged) updated = unchanged;
  else if (ctx.onActivity) updated = await ctx.onActivity(info);
  else updated = a.newest;
  // The ruleset refuses a last-updated-datetime in the future.
  if (updated.getTime() > ctx.now.getTime()) updated = ctx.now;
  if (xml.length !== a.xml.end) throw new Error("an activity was written while one was being finished");
  xml.insertAscii(a.xml.mark, ` last-updated-datetime="${isoDateTime(updated)}"`).write("\n");
}

/** The start of every activity: its indentation one level inside <iati-activities> and its element name. */
const ACTIVITY_OPEN = "  <iati-activity";

/** Writes one activity into the programme's bytes (ctx.xml), indented one level inside <iati-activities>. */
function buildXml(ctx: WriteCtx, write: (xml: XmlBufferWriter) => void): Written {
  const xml = ctx.xml;
  const start = xml.fragment();
  write(xml);
  const mark = start + ACTIVITY_OPEN.length;
  if (xml.view(start, mark).toString("latin1") !== ACTIVITY_OPEN || xml.view(mark, mark + 1).toString("latin1") !== " ") {
    throw new Error("an activity must start with its <iati-activity> start tag and attributes");
  }
  return { start, mark, end: xml.length };
}

/** The latest of the dates (epoch 0 for none). */
function newestOf(dates: (Instant | null | undefined)[]): Date {
  let max = 0;
  for (const d of dates) if (d != null && instantTime(d) > max) max = instantTime(d);
  return new Date(max);
}

// ---------------------------------------------------------------------------
// Level 1: the programme

function writeProgramme(ctx: WriteCtx, b: Built): PendingActivity {
  const p = b.programme;
  const n = b.programmeNode;
  const lang = langCode(p.lang) ?? "en";
  const tr = translationsOf(p.translations);
  const funding = b.children.funding.get(p.id) ?? [];
  const xml = buildXml(ctx, (xml) => {
    openActivity(xml, ctx, p, lang, 1, n.identifier);
    writeTitleAndDescription(xml, p, lang, tr);
    if (p.objectives?.trim()) {
      xml.ele("description").att("type", IATI_DESCRIPTION_TYPE.objectives);
      narratives(xml, p.objectives, lang, tr, "objectives");
      xml.up();
    }
    writeAmendments(xml, n.amendments);
    writeProgrammeOrgs(xml, ctx, p);
    xml.ele("activity-status").att("code", IATI_ACTIVITY_STATUS[p.status]).up();
    writeProgrammeDates(xml, ctx, b, funding);
    writeProgrammeCountries(xml, p);
    writeSectors(xml, p);
    writeDefaults(xml, p);
    for (const f of funding) if (f.kind === "BUDGET" && publishableBudget(f)) writeBudget(xml, f);
    for (const f of funding) if (f.kind === "PLANNED_DISBURSEMENT") writePlannedDisbursement(xml, ctx, f);
    for (const f of funding) writeTransaction(xml, ctx, f, lang);
    for (const d of n.documents) writeDocumentLink(xml, ctx, d, lang);
    for (const a of b.agreements) relatedActivity(xml, a.node.identifier, IATI_RELATED_ACTIVITY_TYPE.child);
    for (const a of b.activities) relatedActivity(xml, a.node.identifier, IATI_RELATED_ACTIVITY_TYPE.child);
    writeNodeResults(xml, ctx, n, lang);
    xml.up();
  });
  const newest = newestOf([p.updatedAt, ...funding.map((f) => f.updatedAt), ...nodeDates(n)]);
  return { node: n, programmeId: p.id, xml, newest };
}

/** The records a node covers besides its own row: their newest change is its last update. */
function nodeDates(n: Node): Instant[] {
  return [
    ...n.amendments.map((a) => a.updatedAt),
    ...n.deliverables.map((d) => d.updatedAt),
    ...n.indicators.map((i) => i.updatedAt),
    ...n.documents.map((d) => d.updatedAt),
  ];
}

/** The title, and the general description (required: the title stands in when none is recorded). */
function writeTitleAndDescription(xml: XmlBufferWriter, rec: { title: string; description: string | null }, lang: string, tr: Translations) {
  xml.ele("title");
  narratives(xml, rec.title, lang, tr, "title");
  xml.up();
  const described = !!rec.description?.trim();
  xml.ele("description").att("type", IATI_DESCRIPTION_TYPE.general);
  narratives(xml, described ? rec.description! : rec.title, lang, tr, described ? "description" : "title");
  xml.up();
}

/** The iati-activity start tag's attributes, the identifier and the reporting organisation. */
function openActivity(xml: XmlBufferWriter, ctx: WriteCtx, p: IatiProgramme, lang: string, hierarchy: 1 | 2, identifier: string) {
  xml
    .ele("iati-activity")
    .att("xml:lang", lang)
    .att("default-currency", p.budgetCurrency ?? ctx.publisher.defaultCurrency)
    .att("hierarchy", String(hierarchy));
  xml.ele("iati-identifier").txt(clean(identifier)).up();
  xml.ele("reporting-org").att("ref", ctx.publisher.ref).att("type", ctx.publisher.type);
  publisherNarratives(xml, ctx.publisher);
  xml.up();
}

function publisherNarratives(xml: XmlBufferWriter, publisher: Publisher) {
  const lang = langCode(publisher.lang) ?? "en";
  narrative(xml, publisher.name, lang);
  for (const [locale, name] of Object.entries(publisher.names).sort(([a], [b]) => a.localeCompare(b))) {
    const code = langCode(locale);
    if (code && code !== lang) narrative(xml, name, code);
  }
}

const ROLE_ORDER = ["FUNDING", "ACCOUNTABLE", "EXTENDING", "IMPLEMENTING"] as const;

/** The programme's organisations; with none recorded, the publisher answers for it (one participating-org is required). */
function writeProgrammeOrgs(xml: XmlBufferWriter, ctx: WriteCtx, p: IatiProgramme) {
  const rows = [...p.organisations].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.organisation.shortName.localeCompare(b.organisation.shortName),
  );
  if (rows.length === 0) return publisherAsAccountable(xml, ctx);
  for (const po of rows) participatingOrg(xml, po.organisation, IATI_ORGANISATION_ROLE[po.role]);
}

function publisherAsAccountable(xml: XmlBufferWriter, ctx: WriteCtx) {
  xml.ele("participating-org").att("ref", ctx.publisher.ref).att("type", ctx.publisher.type).att("role", IATI_ORGANISATION_ROLE.ACCOUNTABLE);
  publisherNarratives(xml, ctx.publisher);
  xml.up();
}

function participatingOrg(xml: XmlBufferWriter, org: Org, role: string) {
  xml.ele("participating-org");
  if (org.iatiRef?.trim()) xml.att("ref", org.iatiRef.trim());
  xml.att("type", org.iatiTypeCode).att("role", role);
  orgNarratives(xml, org);
  xml.up();
}

function writeProgrammeDates(xml: XmlBufferWriter, ctx: WriteCtx, b: Built, funding: Funding[]) {
  const p = b.programme;
  const written = writeDates(xml, ctx, [
    [IATI_ACTIVITY_DATE_TYPE.plannedStart, p.plannedStart],
    [IATI_ACTIVITY_DATE_TYPE.actualStart, p.actualStart],
    [IATI_ACTIVITY_DATE_TYPE.plannedEnd, p.plannedEnd],
    [IATI_ACTIVITY_DATE_TYPE.actualEnd, p.actualEnd],
  ]);
  if (written) return;
  // A start date is required and none is recorded for the programme: the
  // earliest past date that shows it under way stands in (an activity's actual
  // start, an agreement's signature or entry into force, a transaction), else
  // the earliest planned activity or budget period, else the day it was
  // registered, always with a narrative saying where the date comes from.
  const { type, date, note } = derivedStart(ctx, b, funding);
  xml.ele("activity-date").att("type", type).att("iso-date", isoDate(date));
  narrative(xml, note, "en");
  xml.up();
}

/**
 * Writes the recorded dates; an actual date that is still in the future is
 * not actual and is left out (the ruleset refuses it). Returns whether a
 * start (planned or actual) was written.
 */
function writeDates(xml: XmlBufferWriter, ctx: WriteCtx, dates: [string, Day | null][]): boolean {
  let start = false;
  for (const [type, date] of dates) {
    if (!date) continue;
    const actual = type === IATI_ACTIVITY_DATE_TYPE.actualStart || type === IATI_ACTIVITY_DATE_TYPE.actualEnd;
    if (actual && dayTime(date) > ctx.now.getTime()) continue;
    xml.ele("activity-date").att("type", type).att("iso-date", isoDate(date)).up();
    if (type === IATI_ACTIVITY_DATE_TYPE.plannedStart || type === IATI_ACTIVITY_DATE_TYPE.actualStart) start = true;
  }
  return start;
}

function derivedStart(ctx: WriteCtx, b: Built, funding: Funding[]): { type: string; date: Date; note: string } {
  const earliest = (dates: (Day | null)[]) => {
    const first = dates.filter((d): d is Day => d != null).sort((x, y) => dayTime(x) - dayTime(y))[0];
    return first == null ? undefined : new Date(dayTime(first));
  };
  const now = ctx.now.getTime();
  const actual = earliest(
    [
      ...b.activities.map((a) => a.row.actualStart),
      // A signature date known only to the month or year (signedPrecision)
      // is stored as its first day, and that is what goes out: iso-date is
      // an xsd:date, and the standard's guidance for a partial date is the
      // first day of the period.
      ...(b.children.agreements.get(b.programme.id) ?? []).flatMap((a) => [a.signedOn, a.effectiveOn]),
      ...funding.filter((f) => f.kind !== "BUDGET" && f.kind !== "PLANNED_DISBURSEMENT").map((f) => f.transactionDate ?? f.valueDate),
    ].filter((d) => d != null && dayTime(d) <= now),
  );
  if (actual) {
    return {
      type: IATI_ACTIVITY_DATE_TYPE.actualStart,
      date: actual,
      note: "Programme start not recorded; earliest recorded activity start, agreement date or transaction.",
    };
  }
  const planned = earliest([...b.activities.map((a) => a.row.plannedStart), ...funding.filter((f) => f.kind === "BUDGET").map((f) => budgetPeriod(f)[0])]);
  if (planned) {
    return {
      type: IATI_ACTIVITY_DATE_TYPE.plannedStart,
      date: planned,
      note: "Programme start not recorded; earliest planned activity or budget period start.",
    };
  }
  return {
    type: IATI_ACTIVITY_DATE_TYPE.plannedStart,
    date: b.programme.createdAt,
    note: "Programme start not recorded; date the programme was registered in Concord.",
  };
}

/**
 * The programme's geography with the shares as recorded, never invented
 * (ADR 0032):
 * - every country and region has a share: all of them, with their shares
 *   (the readiness check holds them to a sum of 100);
 * - otherwise, when the programme records a region (IATI Region vocabulary 1,
 *   e.g. 619 Central Asia): the region(s) only, a single one without a share
 *   (100%); the countries go out on the level-2 activities that happen in
 *   them. This is how IATI has a multi-country activity without a known
 *   split published;
 * - otherwise the countries, with what shares they have: one country needs
 *   none; several without shares break "when multiple recipient countries are
 *   declared, each must have a percentage", the readiness check reports it
 *   and the programme form asks for the shares.
 */
function writeProgrammeCountries(xml: XmlBufferWriter, p: IatiProgramme) {
  const complete = p.countries.every((c) => c.percentage != null) && p.regions.every((r) => r.percentage != null);
  const regionsOnly = !complete && p.regions.length > 0;
  if (!regionsOnly) {
    for (const c of p.countries) {
      xml.ele("recipient-country").att("code", c.countryCode);
      if (c.percentage != null) xml.att("percentage", decimal(c.percentage));
      xml.up();
    }
  }
  for (const r of p.regions) {
    xml.ele("recipient-region").att("code", r.regionCode).att("vocabulary", IATI_REGION_VOCABULARY_DAC);
    if (r.percentage != null && !(regionsOnly && p.regions.length === 1)) xml.att("percentage", decimal(r.percentage));
    xml.up();
  }
}

function writeSectors(xml: XmlBufferWriter, p: IatiProgramme) {
  for (const s of p.sectors) {
    xml.ele("sector").att("vocabulary", IATI_SECTOR_VOCABULARY_DAC5).att("code", s.sectorCode);
    // One sector is 100% (the ruleset wants it omitted or 100); several carry their recorded shares.
    if (p.sectors.length > 1) xml.att("percentage", decimal(s.percentage));
    xml.up();
  }
}

const codes = (list: { items: readonly { code: string; withdrawn?: boolean }[] }) =>
  new Set(list.items.filter((i) => !i.withdrawn).map((i) => i.code));
const VALID = {
  aid: codes(AidType),
  flow: codes(FlowType),
  finance: codes(FinanceType),
  tied: codes(TiedStatus),
  collaboration: codes(CollaborationType),
};

/** The programme's IATI defaults, each only when it is an active code of its codelist. */
function writeDefaults(xml: XmlBufferWriter, p: IatiProgramme) {
  if (VALID.collaboration.has(p.iatiCollaborationType)) xml.ele("collaboration-type").att("code", p.iatiCollaborationType).up();
  if (VALID.flow.has(p.iatiFlowType)) xml.ele("default-flow-type").att("code", p.iatiFlowType).up();
  if (VALID.finance.has(p.iatiFinanceType)) xml.ele("default-finance-type").att("code", p.iatiFinanceType).up();
  if (VALID.aid.has(p.iatiAidType)) {
    xml.ele("default-aid-type").att("code", p.iatiAidType).att("vocabulary", IATI_AID_TYPE_VOCABULARY_DAC).up();
  }
  if (VALID.tied.has(p.iatiTiedStatus)) xml.ele("default-tied-status").att("code", p.iatiTiedStatus).up();
}

// ---------------------------------------------------------------------------
// Money

function budgetPeriod(f: { periodStart: Date | null; periodEnd: Date | null; fiscalYear: number | null; valueDate: Date }): [Date, Date] {
  if (f.periodStart && f.periodEnd) return [f.periodStart, f.periodEnd];
  const year = f.fiscalYear ?? (f.periodStart ?? f.periodEnd ?? f.valueDate).getUTCFullYear();
  return [f.periodStart ?? new Date(Date.UTC(year, 0, 1)), f.periodEnd ?? new Date(Date.UTC(year, 11, 31))];
}

/**
 * IATI budgets are annual: a period longer than a year (ruleset 7.5.3, an
 * error) is not published, and nothing is split or invented in its place.
 * longBudgetLines() lists them so the readiness page can say so (ADR 0032).
 */
export function publishableBudget(f: { periodStart: Date | null; periodEnd: Date | null; fiscalYear: number | null; valueDate: Date }): boolean {
  const [start, end] = budgetPeriod(f);
  const limit = new Date(start);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  return end.getTime() < limit.getTime() && end.getTime() >= start.getTime();
}

/** Budget lines the IATI file leaves out because their period exceeds a year (for the readiness page). */
export async function longBudgetLines(programmeIds: string[]) {
  const lines = await prisma.fundingLine.findMany({
    where: { programmeId: { in: programmeIds }, kind: "BUDGET", archivedAt: null },
    select: { id: true, programmeId: true, periodStart: true, periodEnd: true, fiscalYear: true, valueDate: true, amount: true, currency: true },
  });
  return lines.filter((f) => !publishableBudget(f));
}

function writeBudget(xml: XmlBufferWriter, f: Funding) {
  const [start, end] = budgetPeriod(f);
  xml.ele("budget").att("type", IATI_BUDGET_TYPE_ORIGINAL).att("status", IATI_BUDGET_STATUS_INDICATIVE);
  xml.ele("period-start").att("iso-date", isoDate(start)).up();
  xml.ele("period-end").att("iso-date", isoDate(end)).up();
  xml.ele("value").att("currency", f.currency).att("value-date", isoDate(f.valueDate)).txt(decimal(f.amount)).up();
  xml.up();
}

function writePlannedDisbursement(xml: XmlBufferWriter, ctx: WriteCtx, f: Funding) {
  const [start, end] = budgetPeriod({ ...f, periodStart: f.periodStart ?? f.transactionDate ?? f.valueDate });
  xml.ele("planned-disbursement").att("type", IATI_BUDGET_TYPE_ORIGINAL);
  xml.ele("period-start").att("iso-date", isoDate(start)).up();
  if (end.getTime() >= start.getTime()) xml.ele("period-end").att("iso-date", isoDate(end)).up();
  xml.ele("value").att("currency", f.currency).att("value-date", isoDate(f.valueDate)).txt(decimal(f.amount)).up();
  orgRef(xml, "provider-org", optionalOrg(ctx, f.providerOrgId), "provider-activity-id", f.providerActivityId);
  orgRef(xml, "receiver-org", optionalOrg(ctx, f.receiverOrgId), "receiver-activity-id", f.receiverActivityId);
  xml.up();
}

const INCOMING = new Set(["INCOMING_FUNDS", "INCOMING_COMMITMENT"]);
const OUTGOING = new Set(["COMMITMENT", "DISBURSEMENT"]);

function writeTransaction(xml: XmlBufferWriter, ctx: WriteCtx, f: Funding, lang: string) {
  const now = ctx.now;
  if (f.kind === "BUDGET" || f.kind === "PLANNED_DISBURSEMENT") return;
  const date = f.transactionDate ?? f.valueDate;
  // A transaction dated in the future has not happened (ruleset: an error); it is not reported.
  if (date.getTime() > now.getTime() || f.valueDate.getTime() > now.getTime()) return;
  xml.ele("transaction");
  xml.ele("transaction-type").att("code", IATI_TRANSACTION_TYPE[f.kind]).up();
  xml.ele("transaction-date").att("iso-date", isoDate(date)).up();
  xml.ele("value").att("currency", f.currency).att("value-date", isoDate(f.valueDate)).txt(decimal(f.amount)).up();
  if (f.description?.trim()) {
    xml.ele("description");
    narrative(xml, f.description, lang);
    xml.up();
  }
  // Traceability: incoming funds name the funder's activity, outgoing
  // commitments and disbursements the receiver's.
  orgRef(xml, "provider-org", optionalOrg(ctx, f.providerOrgId), "provider-activity-id", INCOMING.has(f.kind) ? f.providerActivityId : null);
  orgRef(xml, "receiver-org", optionalOrg(ctx, f.receiverOrgId), "receiver-activity-id", OUTGOING.has(f.kind) ? f.receiverActivityId : null);
  xml.up();
}

function orgRef(xml: XmlBufferWriter, name: string, org: Org | null, activityAttribute: string, activityId: string | null) {
  if (!org) return;
  xml.ele(name);
  if (org.iatiRef?.trim()) xml.att("ref", org.iatiRef.trim());
  if (activityId?.trim()) xml.att(activityAttribute, activityId.trim());
  xml.att("type", org.iatiTypeCode);
  orgNarratives(xml, org);
  xml.up();
}

// ---------------------------------------------------------------------------
// Documents

const FILE_FORMATS = codes(FileFormat);
/** FileFormat's code for "some file": used when a document's MIME type is not on the codelist. */
export const FALLBACK_FILE_FORMAT = "application/octet-stream";

/** A MIME type as a FileFormat code: without parameters ("; charset=utf-8"), lower case, on the codelist or the fallback. */
export function iatiFileFormat(mimeType: string): string {
  const bare = mimeType.split(";")[0].trim().toLowerCase();
  return FILE_FORMATS.has(bare) ? bare : FALLBACK_FILE_FORMAT;
}

function writeDocumentLink(xml: XmlBufferWriter, ctx: WriteCtx, d: Doc, lang: string) {
  const docLang = langCode(d.languageCode);
  const tr = translationsOf(d.translations);
  // The title's own language is taken to be the file's, or the activity's
  // when that is not recorded, unless the document also has a translation in
  // that language: then its own text is in its `lang`, and each translation
  // gets its own narrative.
  const guess = docLang ?? lang;
  const own = tr[guess] ? (langCode(d.lang) ?? guess) : guess;
  xml
    .ele("document-link")
    .att("url", `${ctx.publisher.publicBaseUrl}/public/documents/${encodeURIComponent(d.id)}`)
    .att("format", iatiFileFormat(d.mimeType));
  xml.ele("title");
  narratives(xml, d.title, own, tr, "title");
  xml.up();
  if (d.description?.trim()) {
    xml.ele("description");
    narratives(xml, d.description, own, tr, "description");
    xml.up();
  }
  xml.ele("category").att("code", d.categoryCode).up();
  if (docLang) xml.ele("language").att("code", docLang).up();
  if (d.documentDate) xml.ele("document-date").att("iso-date", isoDate(d.documentDate)).up();
  xml.up();
}

function relatedActivity(xml: XmlBufferWriter, identifier: string, type: string) {
  xml.ele("related-activity").att("ref", clean(identifier)).att("type", type).up();
}

// ---------------------------------------------------------------------------
// Level 2: an agreement

function writeAgreement(ctx: WriteCtx, b: Built, index: number): PendingActivity {
  const p = b.programme;
  const { row: a, node: n } = b.agreements[index];
  const lang = langCode(a.lang) ?? langCode(p.lang) ?? "en";
  const tr = translationsOf(a.translations);
  const xml = buildXml(ctx, (xml) => {
    openActivity(xml, ctx, p, lang, 2, n.identifier);
    writeTitleAndDescription(xml, a, lang, tr);
    writeAmendments(xml, n.amendments);

    writeChildOrgs(xml, ctx, p, a.parties.map((party) => ({ ...party, role: IATI_PARTY_ROLE[party.role] })));

    xml.ele("activity-status").att("code", IATI_AGREEMENT_STATUS[a.status]).up();
    // In force from entry into force (else signature) until it expires; the
    // latest expiry among its amendments wins (an amendment extends it).
    const start = a.effectiveOn ?? a.signedOn;
    const expiries = [a.expiresOn, ...n.amendments.map((m) => m.expiresOn)].filter((d): d is Date => d != null);
    const end = expiries.length ? new Date(Math.max(...expiries.map((d) => d.getTime()))) : null;
    const started = writeDates(xml, ctx, [
      [IATI_ACTIVITY_DATE_TYPE.plannedStart, start],
      [IATI_ACTIVITY_DATE_TYPE.actualStart, start],
      [IATI_ACTIVITY_DATE_TYPE.plannedEnd, end],
      [IATI_ACTIVITY_DATE_TYPE.actualEnd, a.status === "EXPIRED" || a.status === "TERMINATED" ? end : null],
    ]);
    if (!started) registeredOn(xml, a.createdAt, "Agreement not yet signed or in force; date it was registered in Concord.");

    writeProgrammeCountries(xml, p);
    writeSectors(xml, p);
    writeDefaults(xml, p);
    for (const d of n.documents) writeDocumentLink(xml, ctx, d, lang);
    relatedActivity(xml, b.programmeNode.identifier, IATI_RELATED_ACTIVITY_TYPE.parent);
    writeNodeResults(xml, ctx, n, lang);
    xml.up();
  });
  return { node: n, programmeId: p.id, xml, newest: newestOf([a.updatedAt, ...nodeDates(n)]) };
}

/** A planned start is required: with none recorded, the day the record was registered, with a note saying so. */
function registeredOn(xml: XmlBufferWriter, date: Day, note: string) {
  xml.ele("activity-date").att("type", IATI_ACTIVITY_DATE_TYPE.plannedStart).att("iso-date", isoDate(date));
  narrative(xml, note, "en");
  xml.up();
}

/**
 * A level-2 activity's own organisations in their IATI roles (once per
 * organisation and role; those without an IATI role left out); without any,
 * the programme's (one participating-org is required).
 */
function writeChildOrgs(xml: XmlBufferWriter, ctx: WriteCtx, p: IatiProgramme, rows: { organisationId: string; role: string | null }[]) {
  const seen = new Set<string>();
  for (const { organisationId, role } of rows) {
    if (!role || seen.has(`${organisationId}:${role}`)) continue;
    seen.add(`${organisationId}:${role}`);
    participatingOrg(xml, orgOf(ctx, organisationId), role);
  }
  if (seen.size === 0) writeProgrammeOrgs(xml, ctx, p);
}

/** Amendments folded into the record they amend: one "other" description each (title, reference, signature). */
function writeAmendments(xml: XmlBufferWriter, amendments: AgreementRow[]) {
  for (const m of amendments) {
    const lang = langCode(m.lang) ?? "en";
    const parts = [m.title.trim(), m.reference?.trim(), m.signedOn ? `signed ${isoDate(m.signedOn)}` : null].filter(Boolean);
    xml.ele("description").att("type", IATI_DESCRIPTION_TYPE_OTHER);
    narrative(xml, `Amendment: ${parts.join(", ")}`, lang);
    xml.up();
  }
}

// ---------------------------------------------------------------------------
// Level 2: a cooperation activity (study visit, training course, workshop, ...)

const KIND_LABELS = { en: enEnums.activityKind, ru: ruEnums.activityKind, ko: koEnums.activityKind } as const;

function writeCooperationActivity(ctx: WriteCtx, b: Built, index: number): PendingActivity {
  const p = b.programme;
  const { row: a, node: n } = b.activities[index];
  const lang = langCode(a.lang) ?? langCode(p.lang) ?? "en";
  const tr = translationsOfText(a.translations);
  const outcomes = activityOutcomes(a);
  const xml = buildXml(ctx, (xml) => {
    openActivity(xml, ctx, p, lang, 2, n.identifier);
    writeTitleAndDescription(xml, a, lang, tr);
    // What kind of activity it is, in each interface language.
    xml.ele("description").att("type", IATI_DESCRIPTION_TYPE_OTHER);
    for (const [code, labels] of Object.entries(KIND_LABELS)) narrative(xml, labels[a.kind], code);
    xml.up();

    writeChildOrgs(xml, ctx, p, activityOrganisations(a).map((ao) => ({ ...ao, role: IATI_ACTIVITY_ORG_ROLE[ao.role] })));

    xml.ele("activity-status").att("code", IATI_COOPERATION_ACTIVITY_STATUS[a.status]).up();
    const started = writeDates(xml, ctx, [
      [IATI_ACTIVITY_DATE_TYPE.plannedStart, a.plannedStart],
      [IATI_ACTIVITY_DATE_TYPE.actualStart, a.actualStart],
      [IATI_ACTIVITY_DATE_TYPE.plannedEnd, a.plannedEnd],
      [IATI_ACTIVITY_DATE_TYPE.actualEnd, a.actualEnd],
    ]);
    if (!started) registeredOn(xml, a.createdAt, "Activity dates not recorded; date it was registered in Concord.");

    // Its own country (all of it), else the programme's as recorded.
    if (a.countryCode) xml.ele("recipient-country").att("code", a.countryCode).up();
    else writeProgrammeCountries(xml, p);
    writeLocation(xml, a);
    writeSectors(xml, p);
    writeDefaults(xml, p);
    for (const d of n.documents) writeDocumentLink(xml, ctx, d, lang);
    relatedActivity(xml, b.programmeNode.identifier, IATI_RELATED_ACTIVITY_TYPE.parent);
    writeNodeResults(xml, ctx, n, lang);
    writeOutcomeResults(xml, outcomes);
    writeParticipantsResult(xml, ctx, a);
    xml.up();
  });
  const newest = newestOf([a.updatedAt, ...outcomes.map((o) => o.updatedAt), ...nodeDates(n)]);
  return { node: n, programmeId: p.id, xml, newest };
}

/** Where it took place: the city and country by name, and the point where coordinates are recorded. */
function writeLocation(xml: XmlBufferWriter, a: ActivityRow) {
  const hasPoint = a.latitude != null && a.longitude != null;
  if (!a.city?.trim() && !hasPoint) return;
  xml.ele("location");
  xml.ele("location-reach").att("code", IATI_LOCATION.reach).up();
  const place = [a.city?.trim(), a.countryName].filter(Boolean).join(", ");
  if (place) {
    xml.ele("name");
    narrative(xml, place, "en");
    xml.up();
  }
  if (hasPoint) {
    xml.ele("point").att("srsName", "http://www.opengis.net/def/crs/EPSG/0/4326");
    xml.ele("pos").txt(`${decimal(a.latitude!)} ${decimal(a.longitude!)}`).up();
    xml.up();
    xml.ele("exactness").att("code", IATI_LOCATION.exact).up();
  }
  xml.ele("location-class").att("code", IATI_LOCATION.classPopulatedPlace).up();
  xml.up();
}

// ---------------------------------------------------------------------------
// Results

/** A record's indicators, then its deliverables. */
function writeNodeResults(xml: XmlBufferWriter, ctx: WriteCtx, n: Node, lang: string) {
  for (const indicator of n.indicators) writeIndicatorResult(xml, ctx, indicator, lang);
  for (const d of n.deliverables) writeDeliverableResult(xml, d, lang);
}

/** The record's own code (IndicatorVocabulary 99, the reporting organisation's): lets a reader find the Concord record. */
function ownReference(xml: XmlBufferWriter, code: string) {
  xml.ele("reference").att("vocabulary", IATI_INDICATOR_VOCABULARY_REPORTING_ORG).att("code", code).up();
}

/** Each indicator is published as a result of its type holding that one indicator. */
function writeIndicatorResult(xml: XmlBufferWriter, ctx: WriteCtx, ind: IndicatorRow, recordLang: string) {
  const lang = langCode(ind.lang) ?? recordLang;
  const tr = translationsOf(ind.translations);
  const qualitative = ind.measure === "QUALITATIVE";
  xml.ele("result").att("type", IATI_RESULT_TYPE[ind.resultType]);
  xml.ele("title");
  narratives(xml, ind.title, lang, tr, "title");
  xml.up();
  if (ind.description?.trim()) {
    xml.ele("description");
    narratives(xml, ind.description, lang, tr, "description");
    xml.up();
  }

  xml.ele("indicator").att("measure", IATI_INDICATOR_MEASURE[ind.measure]).att("ascending", ind.ascending ? "1" : "0");
  xml.ele("title");
  narratives(xml, ind.unitLabel?.trim() ? `${ind.title} (${ind.unitLabel.trim()})` : ind.title, lang, tr, "title");
  xml.up();
  if (ind.description?.trim()) {
    xml.ele("description");
    narratives(xml, ind.description, lang, tr, "description");
    xml.up();
  }
  ownReference(xml, `IND-${ind.id}`);
  // baseline@year is required; a baseline without a year is not published.
  // iso-date is left out: Concord records the baseline's year, not its day.
  // A non-qualitative baseline needs a value (ruleset), a qualitative one has none.
  if (ind.baselineYear != null && ind.baselineYear > 0 && (qualitative || ind.baselineValue != null)) {
    xml.ele("baseline").att("year", String(ind.baselineYear));
    if (!qualitative && ind.baselineValue != null) xml.att("value", decimal(ind.baselineValue));
    if (ind.baselineComment?.trim()) {
      xml.ele("comment");
      narrative(xml, ind.baselineComment, lang);
      xml.up();
    }
    xml.up();
  }
  for (const period of ind.periods) {
    xml.ele("period");
    xml.ele("period-start").att("iso-date", isoDate(period.periodStart)).up();
    xml.ele("period-end").att("iso-date", isoDate(period.periodEnd)).up();
    writeValues(xml, "target", qualitative, period.targetValue, period.targetFemale, period.targetMale, period.targetComment, lang);
    // Nothing can have been achieved in a period that has not started.
    if (period.periodStart.getTime() <= ctx.now.getTime()) {
      writeValues(xml, "actual", qualitative, period.actualValue, period.actualFemale, period.actualMale, period.actualComment, lang);
    }
    xml.up();
  }
  xml.up(); // indicator
  xml.up(); // result
}

/**
 * A target or actual: the total (with its comment), then one element per sex
 * with a figure, dimension name "sex" and value "female"/"male". A
 * non-qualitative one is written only with a value (the ruleset requires
 * it); a qualitative one carries its comment only.
 */
function writeValues(
  xml: XmlBufferWriter,
  name: "target" | "actual",
  qualitative: boolean,
  total: Prisma.Decimal | number | null,
  female: Prisma.Decimal | number | null,
  male: Prisma.Decimal | number | null,
  comment: string | null,
  lang: string,
) {
  if (qualitative ? comment?.trim() : total != null) {
    xml.ele(name);
    if (!qualitative && total != null) xml.att("value", decimal(total));
    if (comment?.trim()) {
      xml.ele("comment");
      narrative(xml, comment, lang);
      xml.up();
    }
    xml.up();
  }
  if (qualitative) return;
  for (const [value, sex] of [
    [female, IATI_SEX_DIMENSION.female],
    [male, IATI_SEX_DIMENSION.male],
  ] as const) {
    if (value == null) continue;
    xml.ele(name).att("value", decimal(value));
    xml.ele("dimension").att("name", IATI_SEX_DIMENSION.name).att("value", sex).up();
    xml.up();
  }
}

const DELIVERABLE_STATUS_TEXT: Record<DeliverableRow["status"], string> = {
  NOT_STARTED: "not started",
  IN_PROGRESS: "in progress",
  SUBMITTED: "submitted",
  ACCEPTED: "accepted",
};

/**
 * A deliverable as a qualitative output: its title, what it is, when it is
 * due and where it stands. No figures: Concord records none for it.
 */
function writeDeliverableResult(xml: XmlBufferWriter, d: DeliverableRow, recordLang: string) {
  const lang = langCode(d.lang) ?? recordLang;
  const tr = translationsOfText(d.translations);
  xml.ele("result").att("type", IATI_RESULT_TYPE.OUTPUT);
  xml.ele("title");
  narratives(xml, d.title, lang, tr, "title");
  xml.up();
  const state = [
    `Deliverable, ${DELIVERABLE_STATUS_TEXT[d.status]}`,
    d.dueDate ? `due ${isoDate(d.dueDate)}` : null,
    d.acceptedAt ? `accepted ${isoDate(d.acceptedAt)}` : d.submittedAt ? `submitted ${isoDate(d.submittedAt)}` : null,
  ]
    .filter(Boolean)
    .join("; ");
  xml.ele("description");
  narrative(xml, d.description?.trim() ? `${d.description.trim()} (${state}.)` : `${state}.`, lang);
  xml.up();
  xml.ele("indicator").att("measure", IATI_INDICATOR_MEASURE.QUALITATIVE);
  xml.ele("title");
  narratives(xml, d.title, lang, tr, "title");
  xml.up();
  ownReference(xml, `DEL-${d.id}`);
  xml.up();
  xml.up();
}

/** What a workshop or meeting agreed (decisions, next steps, recommendations) as qualitative outcomes of its activity. */
function writeOutcomeResults(xml: XmlBufferWriter, outcomes: OutcomeRow[]) {
  for (const o of outcomes) {
    const lang = langCode(o.lang) ?? "en";
    const tr = translationsOf(o.translations);
    xml.ele("result").att("type", IATI_RESULT_TYPE.OUTCOME);
    xml.ele("title");
    narratives(xml, o.text, lang, tr, "text");
    xml.up();
    xml.ele("indicator").att("measure", IATI_INDICATOR_MEASURE.QUALITATIVE);
    xml.ele("title");
    narrative(xml, enEnums.outcomeType[o.type], "en");
    xml.up();
    ownReference(xml, `OUT-${o.id}`);
    xml.up();
    xml.up();
  }
}

/**
 * Participants, on the activity's own record only (never summed again on the
 * programme) and only once the activity took place: completed, or actually
 * started. Headline figures, else the sums of its participant groups.
 */
function writeParticipantsResult(xml: XmlBufferWriter, ctx: WriteCtx, a: ActivityRow) {
  const tookPlace = a.status === "COMPLETED" || (a.actualStart != null && dayTime(a.actualStart) <= ctx.now.getTime());
  if (!tookPlace) return;
  const start = a.actualStart ?? a.plannedStart;
  if (!start || dayTime(start) > ctx.now.getTime()) return;
  // Without headline figures, the sums of its participant groups (read with the row).
  const total = a.participantsTotal ?? a.groupsTotal;
  if (total == null) return;
  const female = a.participantsTotal == null ? a.groupsFemale : a.participantsFemale;
  const male = a.participantsTotal == null ? a.groupsMale : a.participantsMale;
  const endCandidate = a.actualEnd ?? a.plannedEnd ?? start;
  const end = dayTime(endCandidate) < dayTime(start) ? start : endCandidate;
  xml.ele("result").att("type", IATI_RESULT_TYPE.OUTPUT);
  xml.ele("title");
  narrative(xml, "Participants", "en");
  xml.up();
  xml.ele("description");
  narrative(xml, "People who took part in the activity.", "en");
  xml.up();
  xml.ele("indicator").att("measure", IATI_INDICATOR_MEASURE.UNIT).att("ascending", "1");
  xml.ele("title");
  narrative(xml, "Participants", "en");
  xml.up();
  xml.ele("period");
  xml.ele("period-start").att("iso-date", isoDate(start)).up();
  xml.ele("period-end").att("iso-date", isoDate(end)).up();
  writeValues(xml, "actual", false, total, female ?? null, male ?? null, null, "en");
  xml.up();
  xml.up();
  xml.up();
}

// ---------------------------------------------------------------------------
// Narratives and values

type Translations = Record<string, Record<string, unknown>>;

/** A raw row's translations, read as JSON text (iati-rows.server.ts). */
const translationsOfText = (json: string): Translations => translationsOf(JSON.parse(json) as Prisma.JsonValue);

function translationsOf(value: Prisma.JsonValue): Translations {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Translations = {};
  for (const [locale, entry] of Object.entries(value)) {
    if (entry && typeof entry === "object" && !Array.isArray(entry)) out[locale] = entry as Record<string, unknown>;
  }
  return out;
}

/** The record's own text in its language, then one narrative per translation that has this field. */
function narratives(xml: XmlBufferWriter, text: string, lang: string, tr: Translations, key: string) {
  narrative(xml, text, lang);
  for (const [locale, entry] of Object.entries(tr).sort(([a], [b]) => a.localeCompare(b))) {
    const code = langCode(locale);
    const value = entry[key];
    if (!code || code === lang || typeof value !== "string" || !value.trim()) continue;
    narrative(xml, value, code);
  }
}

function orgNarratives(xml: XmlBufferWriter, org: Org) {
  narratives(xml, org.fullName, langCode(org.lang) ?? "en", translationsOf(org.translations), "fullName");
}

function narrative(xml: XmlBufferWriter, text: string, lang: string) {
  xml.ele("narrative").att("xml:lang", lang).txt(clean(text)).up();
}

/** "ru", "ko-KR" -> "ko"; IATI's Language codelist holds ISO 639-1 codes. */
function langCode(value: string | null | undefined): string | null {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2}$/.test(primary) ? primary : null;
}

/** Text without surrounding space (the writer drops the characters XML 1.0 cannot carry). */
function clean(text: string): string {
  return text.trim();
}

function decimal(value: Prisma.Decimal | number): string {
  return typeof value === "number" ? String(value) : value.toString();
}

function isoDate(d: Day): string {
  return typeof d === "string" ? d : d.toISOString().slice(0, 10);
}

function isoDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
