import type { Prisma } from "@prisma/client";
import type { createCB as CreateCB } from "xmlbuilder2";
import type { XMLBuilderCB } from "xmlbuilder2/lib/interfaces";
import { programmeChildWhere, programmeWhere, type Scope } from "~/auth/scope.server";
import { documentWhere, PUBLISHED_DOCUMENT } from "~/models/document.server";
import { recordAudit } from "~/models/audit.server";
import { auditSource, type Ctx } from "~/models/ctx.server";
import { prisma } from "~/utils/db.server";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";
import {
  IATI_ACTIVITY_DATE_TYPE,
  IATI_ACTIVITY_STATUS,
  IATI_BUDGET_STATUS_INDICATIVE,
  IATI_BUDGET_TYPE_ORIGINAL,
  IATI_DESCRIPTION_TYPE,
  IATI_INDICATOR_MEASURE,
  IATI_ORGANISATION_ROLE,
  IATI_RESULT_TYPE,
  IATI_SECTOR_VOCABULARY_DAC5,
  IATI_SEX_DIMENSION,
  IATI_TRANSACTION_TYPE,
  IATI_VERSION,
} from "./iati-codes";
import { IATI_PLACEHOLDER_REPORTING_ORG, programmeIatiIdentifier, reportingOrganisation } from "~/models/iati-identifier.server";

// IATI 2.03 activity file: one <iati-activity> per Programme.
//
// Streaming: programmes are read in batches (BATCH at a time, with their
// children) and each activity is written through xmlbuilder2's callback
// builder as soon as it is built, so a portfolio of 20,000 programmes is never
// held in memory, neither as rows nor as XML.
//
// What is published, for every viewer: non-archived records only, and only
// published documents (PUBLISHED_DOCUMENT: shareable, of a live record; an
// IATI file is public data). The viewer's scope decides which programmes are
// included (programmeWhere) and which of their records (programmeChildWhere),
// exactly as in the rest of the app. The element order follows the xsd:sequence of
// iati-activities-schema.xsd; tests/db/iati.test.ts validates the output.

const BATCH = 50;

const xmlbuilder = loadOnFirstUse<{ createCB: typeof CreateCB }>("xmlbuilder2");

/**
 * A programme's children as the scope sees them (programmeChildWhere: a
 * partner only what concerns its countries, ADR 0011), and only published
 * documents (documentWhere and PUBLISHED_DOCUMENT), for every viewer.
 */
const programmeInclude = (scope: Scope) => ({
  organisations: { include: { organisation: true } },
  countries: { orderBy: { countryCode: "asc" } },
  sectors: { orderBy: [{ percentage: "desc" }, { sectorCode: "asc" }] },
  funding: {
    where: { AND: [{ archivedAt: null }, programmeChildWhere(scope, "funding")] },
    include: { provider: true, receiver: true },
    orderBy: [{ valueDate: "asc" }, { id: "asc" }],
  },
  documents: {
    where: { AND: [PUBLISHED_DOCUMENT, documentWhere(scope)] },
    orderBy: [{ documentDate: "asc" }, { createdAt: "asc" }],
  },
  indicators: {
    where: { AND: [{ archivedAt: null }, programmeChildWhere(scope, "indicator")] },
    include: { periods: { orderBy: { periodStart: "asc" } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
  agreements: {
    where: { AND: [{ archivedAt: null }, programmeChildWhere(scope, "agreement")] },
    select: { signedOn: true, effectiveOn: true },
  },
  activities: {
    where: { AND: [{ archivedAt: null, status: { not: "CANCELLED" } }, programmeChildWhere(scope, "activity")] },
    select: {
      id: true,
      plannedStart: true,
      actualStart: true,
      participantsTotal: true,
      participantsFemale: true,
      participantsMale: true,
      participantsOther: true,
    },
  },
}) satisfies Prisma.ProgrammeInclude;

type IatiProgramme = Prisma.ProgrammeGetPayload<{ include: ReturnType<typeof programmeInclude> }>;
type Org = IatiProgramme["organisations"][number]["organisation"];
type GroupSums = Map<string, { total: number; female: number; male: number }>;

export type IatiExportOptions = {
  /** One programme by code; without it, every programme in the scope. */
  code?: string | null;
  /** Origin for absolute document links, e.g. https://concord.example.org. */
  origin: string;
  generatedAt?: Date;
};

// ---------------------------------------------------------------------------
// Entry points

/** The programmes an export covers: a code in scope, or the non-archived portfolio. */
function exportWhere(scope: Scope, code: string | null | undefined): Prisma.ProgrammeWhereInput {
  return code ? { AND: [programmeWhere(scope), { code }] } : { AND: [programmeWhere(scope), { archivedAt: null }] };
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
 * Starts an export for a viewer: null when the programme asked for is not in
 * the scope (the route answers 404); otherwise records the audit event and
 * returns the file name and the XML as a stream of text chunks.
 */
export async function startIatiExport(
  ctx: Ctx,
  options: IatiExportOptions,
): Promise<{ filename: string; chunks: AsyncGenerator<string> } | null> {
  const scope = ctx.scope;
  const code = options.code || null;
  let entityId: string | undefined;
  if (code) {
    const programme = await findExportableProgramme(scope, code);
    if (!programme) return null;
    entityId = programme.id;
  }
  await recordAudit({
    ...auditSource(ctx),
    action: "export",
    entityType: code ? "Programme" : undefined,
    entityId,
    metadata: { format: "iati-xml", programme: code },
  });
  return { filename: iatiFilename(code), chunks: iatiXmlChunks(scope, { ...options, code }) };
}

/** The whole file as one string (tests and small exports). */
export async function buildIatiXml(scope: Scope, options: IatiExportOptions): Promise<string> {
  let out = "";
  for await (const chunk of iatiXmlChunks(scope, options)) out += chunk;
  return out;
}

/** The file as text chunks, one batch of programmes at a time. */
export async function* iatiXmlChunks(scope: Scope, options: IatiExportOptions): AsyncGenerator<string> {
  let pending: string[] = [];
  const xml = xmlbuilder().createCB({ data: (chunk: string) => pending.push(chunk), prettyPrint: true });
  const flush = () => {
    const text = pending.join("");
    pending = [];
    return text;
  };
  const generated = options.generatedAt ?? new Date();
  xml
    .dec({ version: "1.0", encoding: "UTF-8" })
    .ele("iati-activities")
    .att("version", IATI_VERSION)
    .att("generated-datetime", isoDateTime(generated));

  const where = exportWhere(scope, options.code);
  let after: string | null = null;
  for (;;) {
    const batch: IatiProgramme[] = await prisma.programme.findMany({
      where: after ? { AND: [where, { code: { gt: after } }] } : where,
      include: programmeInclude(scope),
      orderBy: { code: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    const groups = await participantGroupSums(batch);
    for (const programme of batch) {
      writeActivity(xml, programme, groups, options.origin);
      yield flush();
    }
    after = batch[batch.length - 1].code;
    if (batch.length < BATCH) break;
  }
  xml.up().end();
  yield flush();
}

/**
 * Participants by sex for activities whose headline figures are not recorded,
 * summed from their participant groups (one grouped query per batch rather
 * than loading thousands of group rows).
 */
async function participantGroupSums(batch: IatiProgramme[]): Promise<GroupSums> {
  const ids = batch.flatMap((p) => p.activities.filter((a) => a.participantsTotal == null).map((a) => a.id));
  const sums: GroupSums = new Map();
  if (ids.length === 0) return sums;
  const rows = await prisma.activityParticipantGroup.groupBy({
    by: ["activityId"],
    where: { activityId: { in: ids } },
    _sum: { total: true, female: true, male: true },
  });
  for (const r of rows) {
    sums.set(r.activityId, { total: r._sum.total ?? 0, female: r._sum.female ?? 0, male: r._sum.male ?? 0 });
  }
  return sums;
}

// ---------------------------------------------------------------------------
// One activity, in the order of the schema's xsd:sequence

function writeActivity(xml: XMLBuilderCB, p: IatiProgramme, groups: GroupSums, origin: string) {
  const lang = langCode(p.lang) ?? "en";
  const reporting = reportingOrg(p);
  const currency = p.budgetCurrency ?? p.funding[0]?.currency ?? null;

  xml.ele("iati-activity").att("last-updated-datetime", isoDateTime(p.updatedAt)).att("xml:lang", lang);
  if (currency) xml.att("default-currency", currency);

  xml.ele("iati-identifier").txt(clean(programmeIatiIdentifier(p))).up();

  xml.ele("reporting-org").att("ref", reporting.ref).att("type", reporting.type);
  if (reporting.org) orgNarratives(xml, reporting.org);
  else narrative(xml, IATI_PLACEHOLDER_REPORTING_ORG.name, "en");
  xml.up();

  const tr = translationsOf(p.translations);
  xml.ele("title");
  narratives(xml, p.title, lang, tr, "title");
  xml.up();

  // description is required: the title stands in when none is recorded.
  xml.ele("description").att("type", IATI_DESCRIPTION_TYPE.general);
  narratives(xml, p.description?.trim() ? p.description : p.title, lang, tr, p.description?.trim() ? "description" : "title");
  xml.up();
  if (p.objectives?.trim()) {
    xml.ele("description").att("type", IATI_DESCRIPTION_TYPE.objectives);
    narratives(xml, p.objectives, lang, tr, "objectives");
    xml.up();
  }

  writeParticipatingOrgs(xml, p, reporting);

  xml.ele("activity-status").att("code", IATI_ACTIVITY_STATUS[p.status]).up();
  writeActivityDates(xml, p);

  for (const c of withCountryPercentages(p.countries)) {
    xml.ele("recipient-country").att("code", c.code);
    if (c.percentage != null) xml.att("percentage", c.percentage);
    xml.up();
  }
  for (const s of p.sectors) {
    xml
      .ele("sector")
      .att("vocabulary", IATI_SECTOR_VOCABULARY_DAC5)
      .att("code", s.sectorCode)
      .att("percentage", decimal(s.percentage))
      .up();
  }

  for (const f of p.funding) if (f.kind === "BUDGET") writeBudget(xml, f);
  for (const f of p.funding) if (f.kind !== "BUDGET") writeTransaction(xml, f, lang);

  for (const d of p.documents) writeDocumentLink(xml, d, origin, lang);

  for (const indicator of p.indicators) writeIndicatorResult(xml, indicator, lang);
  writeParticipantsResult(xml, p, groups);

  xml.up();
}

type Reporting = { ref: string; type: string; org: Org | null };

/** The reporting organisation (see reportingOrganisation), or the documented placeholder. */
function reportingOrg(p: IatiProgramme): Reporting {
  const org = reportingOrganisation(p.organisations);
  if (org) return { ref: org.iatiRef!.trim(), type: org.iatiTypeCode, org };
  return { ref: IATI_PLACEHOLDER_REPORTING_ORG.ref, type: IATI_PLACEHOLDER_REPORTING_ORG.type, org: null };
}

const ROLE_ORDER = ["FUNDING", "ACCOUNTABLE", "EXTENDING", "IMPLEMENTING"] as const;

function writeParticipatingOrgs(xml: XMLBuilderCB, p: IatiProgramme, reporting: Reporting) {
  const rows = [...p.organisations].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.organisation.shortName.localeCompare(b.organisation.shortName),
  );
  if (rows.length === 0) {
    // At least one participating-org is required; with none recorded, the
    // reporting organisation is named as the accountable one.
    xml.ele("participating-org").att("ref", reporting.ref).att("type", reporting.type).att("role", IATI_ORGANISATION_ROLE.ACCOUNTABLE);
    if (reporting.org) orgNarratives(xml, reporting.org);
    else narrative(xml, IATI_PLACEHOLDER_REPORTING_ORG.name, "en");
    xml.up();
    return;
  }
  for (const po of rows) {
    xml.ele("participating-org");
    if (po.organisation.iatiRef?.trim()) xml.att("ref", po.organisation.iatiRef.trim());
    xml.att("type", po.organisation.iatiTypeCode).att("role", IATI_ORGANISATION_ROLE[po.role]);
    orgNarratives(xml, po.organisation);
    xml.up();
  }
}

function writeActivityDates(xml: XMLBuilderCB, p: IatiProgramme) {
  const dates: [string, Date | null][] = [
    [IATI_ACTIVITY_DATE_TYPE.plannedStart, p.plannedStart],
    [IATI_ACTIVITY_DATE_TYPE.actualStart, p.actualStart],
    [IATI_ACTIVITY_DATE_TYPE.plannedEnd, p.plannedEnd],
    [IATI_ACTIVITY_DATE_TYPE.actualEnd, p.actualEnd],
  ];
  let any = false;
  for (const [type, date] of dates) {
    if (!date) continue;
    xml.ele("activity-date").att("type", type).att("iso-date", isoDate(date)).up();
    any = true;
  }
  if (!any) {
    // The schema needs one activity-date and none is recorded for the
    // programme: the earliest past date that shows it under way stands in (an
    // activity's actual start, an agreement's signature or entry into force, a
    // transaction), else the earliest planned activity or budget period, else
    // the day it was registered —
    // always with a narrative saying where the date comes from.
    const { type, date, note } = derivedStart(p);
    xml.ele("activity-date").att("type", type).att("iso-date", isoDate(date));
    narrative(xml, note, "en");
    xml.up();
  }
}

function derivedStart(p: IatiProgramme): { type: string; date: Date; note: string } {
  const earliest = (dates: (Date | null)[]) =>
    dates.filter((d): d is Date => d != null).sort((a, b) => a.getTime() - b.getTime())[0] as Date | undefined;
  const now = Date.now();
  const actual = earliest(
    [
      ...p.activities.map((a) => a.actualStart),
      // A signature date known only to the month or year (signedPrecision)
      // is stored as its first day, and that is what goes out: IATI's
      // iso-date is an xsd:date and needs a full date, and the standard's
      // guidance for a partial date is the first day of the period.
      ...p.agreements.flatMap((a) => [a.signedOn, a.effectiveOn]),
      ...p.funding.filter((f) => f.kind !== "BUDGET").map((f) => f.transactionDate ?? f.valueDate),
    ].filter(
      (d) => d != null && d.getTime() <= now,
    ),
  );
  if (actual) {
    return {
      type: IATI_ACTIVITY_DATE_TYPE.actualStart,
      date: actual,
      note: "Programme start not recorded; earliest recorded activity start, agreement date or transaction.",
    };
  }
  const planned = earliest([...p.activities.map((a) => a.plannedStart), ...p.funding.filter((f) => f.kind === "BUDGET").map((f) => budgetPeriod(f)[0])]);
  if (planned) {
    return {
      type: IATI_ACTIVITY_DATE_TYPE.plannedStart,
      date: planned,
      note: "Programme start not recorded; earliest planned activity or budget period start.",
    };
  }
  return {
    type: IATI_ACTIVITY_DATE_TYPE.plannedStart,
    date: p.createdAt,
    note: "Programme start not recorded; date the programme was registered in Concord.",
  };
}

/**
 * recipient-country percentages. IATI's rules want percentages on every
 * country, summing to 100, as soon as there is more than one. Recorded
 * percentages are kept; when some or all are missing, what remains of 100 is
 * split equally among the countries without one (to 2 decimals, the last
 * taking the rounding remainder). A single country without a percentage is
 * published without one (IATI reads that as 100%). If the recorded ones
 * already exceed 100 nothing is invented: the missing stay missing.
 */
export function withCountryPercentages(
  rows: { countryCode: string; percentage: Prisma.Decimal | null }[],
): { code: string; percentage: string | null }[] {
  if (rows.length <= 1) return rows.map((r) => ({ code: r.countryCode, percentage: r.percentage == null ? null : decimal(r.percentage) }));
  const missing = rows.filter((r) => r.percentage == null);
  const givenCents = rows.reduce((sum, r) => sum + (r.percentage == null ? 0 : Math.round(Number(r.percentage) * 100)), 0);
  const remaining = 10_000 - givenCents;
  if (missing.length === 0 || remaining < 0) {
    return rows.map((r) => ({ code: r.countryCode, percentage: r.percentage == null ? null : decimal(r.percentage) }));
  }
  const share = Math.floor(remaining / missing.length);
  let left = remaining;
  let seen = 0;
  return rows.map((r) => {
    if (r.percentage != null) return { code: r.countryCode, percentage: decimal(r.percentage) };
    seen++;
    const cents = seen === missing.length ? left : share;
    left -= cents;
    return { code: r.countryCode, percentage: (cents / 100).toFixed(2) };
  });
}

type Funding = IatiProgramme["funding"][number];

function budgetPeriod(f: Funding): [Date, Date] {
  if (f.periodStart && f.periodEnd) return [f.periodStart, f.periodEnd];
  const year = f.fiscalYear ?? (f.periodStart ?? f.periodEnd ?? f.valueDate).getUTCFullYear();
  return [f.periodStart ?? new Date(Date.UTC(year, 0, 1)), f.periodEnd ?? new Date(Date.UTC(year, 11, 31))];
}

function writeBudget(xml: XMLBuilderCB, f: Funding) {
  const [start, end] = budgetPeriod(f);
  xml.ele("budget").att("type", IATI_BUDGET_TYPE_ORIGINAL).att("status", IATI_BUDGET_STATUS_INDICATIVE);
  xml.ele("period-start").att("iso-date", isoDate(start)).up();
  xml.ele("period-end").att("iso-date", isoDate(end)).up();
  xml.ele("value").att("currency", f.currency).att("value-date", isoDate(f.valueDate)).txt(decimal(f.amount)).up();
  xml.up();
}

function writeTransaction(xml: XMLBuilderCB, f: Funding, lang: string) {
  if (f.kind === "BUDGET" || f.kind === "PLANNED_DISBURSEMENT") return;
  xml.ele("transaction");
  xml.ele("transaction-type").att("code", IATI_TRANSACTION_TYPE[f.kind]).up();
  xml.ele("transaction-date").att("iso-date", isoDate(f.transactionDate ?? f.valueDate)).up();
  xml.ele("value").att("currency", f.currency).att("value-date", isoDate(f.valueDate)).txt(decimal(f.amount)).up();
  if (f.description?.trim()) {
    xml.ele("description");
    narrative(xml, f.description, lang);
    xml.up();
  }
  for (const [name, org] of [
    ["provider-org", f.provider],
    ["receiver-org", f.receiver],
  ] as const) {
    if (!org) continue;
    xml.ele(name);
    if (org.iatiRef?.trim()) xml.att("ref", org.iatiRef.trim());
    xml.att("type", org.iatiTypeCode);
    orgNarratives(xml, org);
    xml.up();
  }
  xml.up();
}

type Doc = IatiProgramme["documents"][number];

function writeDocumentLink(xml: XMLBuilderCB, d: Doc, origin: string, lang: string) {
  const docLang = langCode(d.languageCode);
  const tr = translationsOf(d.translations);
  // The title's own language is taken to be the file's, or the programme's
  // when that is not recorded (as before documents had narratives), unless
  // the document also has a translation in that language: then its own text
  // is in its `lang`, and each translation gets its own narrative.
  const guess = docLang ?? lang;
  const own = tr[guess] ? (langCode(d.lang) ?? guess) : guess;
  xml.ele("document-link").att("url", `${origin}/documents/${encodeURIComponent(d.id)}/download`).att("format", d.mimeType);
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

type IndicatorRow = IatiProgramme["indicators"][number];

/** Each indicator is published as a result of its type holding that one indicator. */
function writeIndicatorResult(xml: XMLBuilderCB, ind: IndicatorRow, programmeLang: string) {
  const lang = langCode(ind.lang) ?? programmeLang;
  const tr = translationsOf(ind.translations);
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
  // baseline@year is required; a baseline without a year is not published.
  // iso-date is left out: Concord records the baseline's year, not its day.
  if (ind.baselineYear != null && ind.baselineYear > 0) {
    xml.ele("baseline").att("year", String(ind.baselineYear));
    if (ind.baselineValue != null) xml.att("value", decimal(ind.baselineValue));
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
    writeValues(xml, "target", period.targetValue, period.targetFemale, period.targetMale, period.targetComment, lang);
    writeValues(xml, "actual", period.actualValue, period.actualFemale, period.actualMale, period.actualComment, lang);
    xml.up();
  }
  xml.up(); // indicator
  xml.up(); // result
}

/** A target or actual: the total (with its comment), then one element per sex with a figure. */
function writeValues(
  xml: XMLBuilderCB,
  name: "target" | "actual",
  total: Prisma.Decimal | number | null,
  female: Prisma.Decimal | number | null,
  male: Prisma.Decimal | number | null,
  comment: string | null,
  lang: string,
) {
  if (total != null || comment?.trim()) {
    xml.ele(name);
    if (total != null) xml.att("value", decimal(total));
    if (comment?.trim()) {
      xml.ele("comment");
      narrative(xml, comment, lang);
      xml.up();
    }
    xml.up();
  }
  for (const [value, code] of [
    [female, IATI_SEX_DIMENSION.female],
    [male, IATI_SEX_DIMENSION.male],
  ] as const) {
    if (value == null) continue;
    xml.ele(name).att("value", decimal(value));
    xml.ele("dimension").att("name", IATI_SEX_DIMENSION.name).att("value", code).up();
    xml.up();
  }
}

/**
 * The programme's activities as an output indicator: participants per year
 * (the year the activity started, else was planned to), with the by-sex split
 * where it is recorded. Headline figures of an activity are used; where an
 * activity has none, the sums of its participant groups.
 */
function writeParticipantsResult(xml: XMLBuilderCB, p: IatiProgramme, groups: GroupSums) {
  const years = new Map<number, { total: number; female: number; male: number; bySex: boolean }>();
  for (const a of p.activities) {
    const date = a.actualStart ?? a.plannedStart;
    if (!date) continue;
    const g = a.participantsTotal == null ? groups.get(a.id) : undefined;
    const total = a.participantsTotal ?? g?.total;
    if (total == null) continue;
    const female = a.participantsTotal == null ? g?.female : a.participantsFemale;
    const male = a.participantsTotal == null ? g?.male : a.participantsMale;
    const y = years.get(date.getUTCFullYear()) ?? { total: 0, female: 0, male: 0, bySex: false };
    y.total += total;
    if (female != null || male != null) {
      y.female += female ?? 0;
      y.male += male ?? 0;
      y.bySex = true;
    }
    years.set(date.getUTCFullYear(), y);
  }
  if (years.size === 0) return;
  xml.ele("result").att("type", IATI_RESULT_TYPE.OUTPUT);
  xml.ele("title");
  narrative(xml, "Participants in activities", "en");
  xml.up();
  xml.ele("description");
  narrative(
    xml,
    "People taking part in the programme's study visits, trainings, workshops and other activities, by the year the activity started.",
    "en",
  );
  xml.up();
  xml.ele("indicator").att("measure", IATI_INDICATOR_MEASURE.UNIT).att("ascending", "1");
  xml.ele("title");
  narrative(xml, "Participants in activities", "en");
  xml.up();
  for (const [year, y] of [...years.entries()].sort((a, b) => a[0] - b[0])) {
    xml.ele("period");
    xml.ele("period-start").att("iso-date", `${year}-01-01`).up();
    xml.ele("period-end").att("iso-date", `${year}-12-31`).up();
    writeValues(xml, "actual", y.total, y.bySex ? y.female : null, y.bySex ? y.male : null, null, "en");
    xml.up();
  }
  xml.up();
  xml.up();
}

// ---------------------------------------------------------------------------
// Narratives and values

type Translations = Record<string, Record<string, unknown>>;

function translationsOf(value: Prisma.JsonValue): Translations {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Translations = {};
  for (const [locale, entry] of Object.entries(value)) {
    if (entry && typeof entry === "object" && !Array.isArray(entry)) out[locale] = entry as Record<string, unknown>;
  }
  return out;
}

/** The record's own text in its language, then one narrative per translation that has this field. */
function narratives(xml: XMLBuilderCB, text: string, lang: string, tr: Translations, key: string) {
  narrative(xml, text, lang);
  for (const [locale, entry] of Object.entries(tr).sort(([a], [b]) => a.localeCompare(b))) {
    const code = langCode(locale);
    const value = entry[key];
    if (!code || code === lang || typeof value !== "string" || !value.trim()) continue;
    narrative(xml, value, code);
  }
}

function orgNarratives(xml: XMLBuilderCB, org: Org) {
  narratives(xml, org.fullName, langCode(org.lang) ?? "en", translationsOf(org.translations), "fullName");
}

function narrative(xml: XMLBuilderCB, text: string, lang: string) {
  xml.ele("narrative").att("xml:lang", lang).txt(clean(text)).up();
}

/** "ru", "ko-KR" -> "ko"; IATI's Language codelist holds ISO 639-1 codes. */
function langCode(value: string | null | undefined): string | null {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2}$/.test(primary) ? primary : null;
}

/** Characters XML 1.0 cannot carry at all are dropped. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").trim();
}

function decimal(value: Prisma.Decimal | number): string {
  return typeof value === "number" ? String(value) : value.toString();
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function isoDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
