import type { FundingKind, OrganisationRole, ProgrammeStatus, ResultType, IndicatorMeasure } from "@prisma/client";
import { message } from "~/i18n/translate";
import { getPublisher } from "~/models/publisher.server";
import { FundingFormSchema, type FundingForm } from "~/schemas/funding";
import { IndicatorFormSchema, type IndicatorForm } from "~/schemas/indicator";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { isOrganisationTypeCode, isSectorCode } from "~/utils/codelists";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { narrativeIn, type IatiActivity, type Narrative, type OrgRef } from "./parse.server";

// What an IATI activity becomes in Concord (issue 17, point 9), before
// anything is written: the preview the administrator checks and the values
// the create action writes. Each record is checked with the same zod schema
// the record's own form uses, so an imported record obeys the same rules as a
// typed one; what does not pass is listed as "not imported" with the reason.
// Agreements: IATI has no such element, so none is created (see the ADR).

/** Where a placeholder programme id stands in while the programme does not exist yet. */
const NEW_PROGRAMME = "import-preview";

const STATUS: Record<string, ProgrammeStatus> = {
  "1": "PIPELINE", "2": "IMPLEMENTATION", "3": "FINALISATION", "4": "CLOSED", "5": "CANCELLED", "6": "SUSPENDED",
};
const ROLE: Record<string, OrganisationRole> = { "1": "FUNDING", "2": "ACCOUNTABLE", "3": "EXTENDING", "4": "IMPLEMENTING" };
const RESULT_TYPE: Record<string, ResultType> = { "1": "OUTPUT", "2": "OUTCOME", "3": "IMPACT", "9": "OTHER" };
const MEASURE: Record<string, IndicatorMeasure> = { "1": "UNIT", "2": "PERCENTAGE", "5": "QUALITATIVE" };
/** IATI TransactionType codes Concord keeps (others are listed as not imported). */
const TRANSACTION: Record<string, FundingKind> = { "1": "INCOMING_FUNDS", "11": "INCOMING_COMMITMENT", "2": "COMMITMENT", "3": "DISBURSEMENT", "4": "EXPENDITURE" };
/** Seen from the receiver: a commitment or a disbursement to the centre is money coming in. */
const TO_US: Partial<Record<FundingKind, FundingKind>> = { COMMITMENT: "INCOMING_COMMITMENT", DISBURSEMENT: "INCOMING_FUNDS" };

export type OrgMatch = { id: string; shortName: string; fullName: string; iatiRef: string | null };

export type PreviewOrganisation = {
  /** Stable key of the organisation in this import: its ref, else its name. */
  key: string;
  ref: string | null;
  name: string;
  type: string | null;
  roles: OrganisationRole[];
  /** The Concord organisation with this IATI identifier, if any. */
  match: OrgMatch | null;
};

export type PreviewFunding = {
  source: "budget" | "transaction";
  /** IATI type code as in the file (budget type, transaction type). */
  typeCode: string | null;
  form: FundingForm | null;
  /** Organisation keys (see PreviewOrganisation.key) of provider and receiver. */
  providerKey: string | null;
  receiverKey: string | null;
  providerName: string | null;
  receiverName: string | null;
  amount: string | null;
  currency: string | null;
  date: string | null;
  /** Why it is not imported (an encoded message), when it is not. */
  problem: string | null;
};

export type PreviewIndicator = {
  resultTitle: string | null;
  title: string | null;
  form: IndicatorForm | null;
  periods: { start: string | null; end: string | null; target: string | null; actual: string | null; female: string | null; male: string | null }[];
  problem: string | null;
};

export type ImportPreview = {
  identifier: string;
  lang: string;
  lastUpdated: string | null;
  hierarchy: string | null;
  reportingOrg: { ref: string | null; name: string | null; isPublisher: boolean };
  programme: {
    title: string | null;
    titles: Narrative[];
    description: string | null;
    objectives: string | null;
    status: ProgrammeStatus | null;
    dates: IatiActivity["dates"];
    countries: { code: string; percentage: string | null }[];
    regions: { code: string; percentage: string | null }[];
    sectors: { code: string; vocabulary: string; percentage: string | null; imported: boolean }[];
    /** Field errors of the programme's own values (title too long, ...), as encoded messages. */
    errors: Record<string, string>;
    suggestedCode: string;
    notes: string[];
  };
  organisations: PreviewOrganisation[];
  funding: PreviewFunding[];
  indicators: PreviewIndicator[];
  documents: IatiActivity["documents"];
  defaults: IatiActivity["defaults"];
  /** Concord records that already name this activity: importing again links, never duplicates. */
  existing: { programmes: { id: string; code: string; title: string }[]; fundingLines: { id: string; programmeCode: string; kind: FundingKind }[] };
};

const day = (iso: string | null | undefined) => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined);
const firstError = (errors: Record<string, string>) => Object.values(errors)[0] ?? message("iatiImport.preview.invalid");

function orgKey(org: OrgRef | null): string | null {
  if (!org) return null;
  if (org.ref) return `ref:${org.ref.toUpperCase()}`;
  const name = org.names[0]?.text;
  return name ? `name:${name}` : null;
}

function orgName(org: OrgRef, lang: string): string {
  return narrativeIn(org.names, "en", lang) ?? org.ref ?? "?";
}

/** A programme code from the identifier's tail: upper case, letters, digits and hyphens, at most 40. */
export function suggestCode(identifier: string, reportingRef: string | null): string {
  let tail = reportingRef && identifier.toUpperCase().startsWith(`${reportingRef.toUpperCase()}-`) ? identifier.slice(reportingRef.length + 1) : identifier;
  tail = tail.toUpperCase().replace(/[^A-Z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return (tail.length > 40 ? tail.slice(-40).replace(/^-+/, "") : tail) || "IATI-IMPORT";
}

function translations(list: Narrative[], descriptions: Narrative[]) {
  const one = (lang: string) => ({ title: list.find((n) => n.lang === lang)?.text ?? "", description: descriptions.find((n) => n.lang === lang)?.text ?? "" });
  return { ru: one("ru"), ko: one("ko") };
}

function programmeValues(a: IatiActivity, notes: string[], knownCountries: Set<string>) {
  // The main text is English where the file has it (Concord's source language), else the file's default.
  const lang = a.title.some((n) => n.lang === "en") ? "en" : a.lang;
  const others = [...new Set([...a.title, ...a.description].map((n) => n.lang))].filter((l) => !["en", "ru", "ko", lang].includes(l));
  if (others.length) notes.push(message("iatiImport.note.otherLanguages", { langs: others.join(", ") }));
  // Sectors: the DAC 5-digit vocabulary (1) is what Concord records.
  const dac = a.sectors.filter((s) => s.vocabulary === "1" && isSectorCode(s.code));
  if (dac.length < a.sectors.length) notes.push(message("iatiImport.note.sectorVocabulary"));
  // Shares are kept only as the file gives them and only when they make 100: none are invented.
  const sectorShares = dac.map((s) => Number(s.percentage ?? (dac.length === 1 ? 100 : NaN)));
  const sectorsSum100 = sectorShares.every(Number.isFinite) && Math.abs(sectorShares.reduce((x, y) => x + y, 0) - 100) < 0.005;
  if (dac.length && !sectorsSum100) notes.push(message("iatiImport.note.sectorShares"));
  const sectors = sectorsSum100 ? dac.map((s) => ({ sectorCode: s.code, percentage: s.percentage ?? "100" })) : [];
  // Countries Concord's list lacks cannot be recorded (the programme's countries reference it).
  const unknown = a.countries.filter((c) => !knownCountries.has(c.code)).map((c) => c.code);
  if (unknown.length) notes.push(message("iatiImport.note.unknownCountries", { codes: unknown.join(", ") }));
  const countries = a.countries.filter((c) => knownCountries.has(c.code));
  // Country shares: IATI sums countries with regions to 100; Concord's form sums countries alone.
  const shares = countries.map((c) => Number(c.percentage ?? NaN));
  const sumsTo100 = shares.every(Number.isFinite) && Math.abs(shares.reduce((s, x) => s + x, 0) - 100) < 0.005;
  if (countries.some((c) => c.percentage !== null) && !sumsTo100) notes.push(message("iatiImport.note.countryShares"));
  if (a.regions.length) notes.push(message("iatiImport.note.regions"));
  return {
    title: narrativeIn(a.title, lang) ?? "",
    description: narrativeIn(a.description, lang) ?? "",
    objectives: narrativeIn(a.objectives, lang) ?? "",
    translations: translations(a.title, a.description),
    status: a.status ? (STATUS[a.status] ?? "") : "",
    plannedStart: day(a.dates.plannedStart) ?? "",
    plannedEnd: day(a.dates.plannedEnd) ?? "",
    actualStart: day(a.dates.actualStart) ?? "",
    actualEnd: day(a.dates.actualEnd) ?? "",
    budgetAmount: "",
    budgetCurrency: "",
    countries: countries.map((c) => ({ countryCode: c.code, percentage: sumsTo100 ? (c.percentage ?? "") : "" })),
    sectors,
  };
}

/** The programme form's input for this activity, with the administrator's code and the organisation rows. */
export async function programmeInput(a: IatiActivity, code: string, organisations: { organisationId: string; role: string }[]) {
  const notes: string[] = [];
  return { ...programmeValues(a, notes, await knownCountries(a)), code, organisations, sourceNote: sourceNote(a) };
}

/** The activity's recipient countries that Concord's country list has. */
async function knownCountries(a: IatiActivity): Promise<Set<string>> {
  const codes = a.countries.map((c) => c.code);
  if (!codes.length) return new Set();
  return new Set((await prisma.country.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((c) => c.code));
}

/** Where the programme came from: kept on the programme (and how a second import finds it). */
export function sourceNote(a: IatiActivity): string {
  const by = a.reportingOrg ? `${orgName(a.reportingOrg, a.lang)}${a.reportingOrg.ref ? ` (${a.reportingOrg.ref})` : ""}` : "?";
  return `IATI activity ${a.identifier}, published by ${by}${a.lastUpdated ? `, last updated ${a.lastUpdated.slice(0, 10)}` : ""}`.slice(0, 1000);
}

function fundingRows(a: IatiActivity, publisherRef: string | null): PreviewFunding[] {
  const rows: PreviewFunding[] = [];
  const names = (o: OrgRef | null) => (o ? orgName(o, a.lang) : null);
  for (const b of a.budgets) {
    const input = {
      programmeId: NEW_PROGRAMME, kind: "BUDGET", periodStart: day(b.periodStart) ?? "", periodEnd: day(b.periodEnd) ?? "",
      valueDate: day(b.value?.valueDate) ?? day(b.periodStart) ?? "", amount: b.value?.amount ?? "", currency: b.value?.currency ?? "",
      fiscalYear: day(b.periodStart)?.slice(0, 4) ?? "",
      description: b.status === "2" ? "Budget (committed), from the IATI file" : "Budget, from the IATI file",
    };
    const parsed = FundingFormSchema.safeParse(input);
    rows.push({
      source: "budget", typeCode: b.type, providerKey: null, receiverKey: null, providerName: null, receiverName: null,
      amount: b.value?.amount ?? null, currency: b.value?.currency ?? null, date: day(b.periodStart) ?? null,
      form: parsed.success ? parsed.data : null,
      problem: parsed.success ? null : firstError(zodErrorsToFieldErrors(parsed.error)),
    });
  }
  for (const t of a.transactions) {
    let kind = t.type ? TRANSACTION[t.type] : undefined;
    // A donor's commitment or disbursement to the centre is the centre's incoming commitment or funds.
    if (kind && publisherRef && t.receiver?.ref?.toUpperCase() === publisherRef.toUpperCase()) kind = TO_US[kind] ?? kind;
    const base = {
      source: "transaction" as const, typeCode: t.type, providerKey: orgKey(t.provider), receiverKey: orgKey(t.receiver),
      providerName: names(t.provider), receiverName: names(t.receiver), amount: t.value?.amount ?? null, currency: t.value?.currency ?? null, date: day(t.date) ?? null,
    };
    if (!kind) {
      rows.push({ ...base, form: null, problem: message("iatiImport.note.transactionType", { code: t.type ?? "?" }) });
      continue;
    }
    const input = {
      programmeId: NEW_PROGRAMME, kind, transactionDate: day(t.date) ?? "", valueDate: day(t.value?.valueDate) ?? day(t.date) ?? "",
      amount: t.value?.amount ?? "", currency: t.value?.currency ?? "", fiscalYear: day(t.date)?.slice(0, 4) ?? "",
      description: narrativeIn(t.description, "en", a.lang)?.slice(0, 2000) ?? "",
    };
    const parsed = FundingFormSchema.safeParse(input);
    rows.push({ ...base, form: parsed.success ? parsed.data : null, problem: parsed.success ? null : firstError(zodErrorsToFieldErrors(parsed.error)) });
  }
  return rows;
}

function indicatorRows(a: IatiActivity): PreviewIndicator[] {
  return a.results.flatMap((r) =>
    r.indicators.map((i) => {
      const lang = i.title.some((n) => n.lang === "en") ? "en" : a.lang;
      const periods = i.periods.map((p) => ({
        start: day(p.start) ?? null, end: day(p.end) ?? null,
        target: p.target?.value ?? null, actual: p.actual?.value ?? null,
        female: p.actual?.female ?? p.target?.female ?? null, male: p.actual?.male ?? p.target?.male ?? null,
      }));
      const input = {
        programmeId: NEW_PROGRAMME,
        resultType: r.type ? (RESULT_TYPE[r.type] ?? "OTHER") : "OTHER",
        measure: i.measure ? (MEASURE[i.measure] ?? "") : "UNIT",
        title: narrativeIn(i.title, lang) ?? "",
        description: narrativeIn(i.description, lang) ?? "",
        translations: translations(i.title, i.description),
        ascending: i.ascending ? "on" : "",
        baselineValue: i.baseline?.value ?? "",
        baselineYear: i.baseline?.year ? String(i.baseline.year) : "",
        baselineComment: i.baseline ? (narrativeIn(i.baseline.comment, lang) ?? "") : "",
        periods: i.periods.map((p) => ({
          periodStart: day(p.start) ?? "", periodEnd: day(p.end) ?? "",
          targetValue: p.target?.value ?? "", actualValue: p.actual?.value ?? "",
          targetFemale: p.target?.female ?? "", targetMale: p.target?.male ?? "",
          actualFemale: p.actual?.female ?? "", actualMale: p.actual?.male ?? "",
        })),
      };
      const parsed = IndicatorFormSchema.safeParse(input);
      return {
        resultTitle: narrativeIn(r.title, lang),
        title: input.title || null,
        form: parsed.success ? parsed.data : null,
        periods,
        problem: parsed.success ? null : firstError(zodErrorsToFieldErrors(parsed.error)),
      };
    }),
  );
}

function organisationRows(a: IatiActivity): Omit<PreviewOrganisation, "match">[] {
  const byKey = new Map<string, Omit<PreviewOrganisation, "match">>();
  const add = (org: OrgRef | null, role: OrganisationRole | null) => {
    const key = orgKey(org);
    if (!org || !key) return;
    const row = byKey.get(key) ?? { key, ref: org.ref, name: orgName(org, a.lang), type: org.type, roles: [] };
    if (!row.type && org.type) row.type = org.type;
    if (role && !row.roles.includes(role)) row.roles.push(role);
    byKey.set(key, row);
  };
  // The publisher first: "link" records its identifier on a line's provider.
  add(a.reportingOrg, null);
  for (const p of a.participants) add(p, p.role ? (ROLE[p.role] ?? null) : null);
  // Providers and receivers of transactions are organisations too (funding lines name them).
  for (const t of a.transactions) {
    add(t.provider, null);
    add(t.receiver, null);
  }
  return [...byKey.values()];
}

/** The preview of one parsed activity against the database: matches, re-import, what is imported and what is not. */
export async function previewActivity(a: IatiActivity): Promise<ImportPreview> {
  const publisher = await getPublisher();
  const notes: string[] = [];
  const values = programmeValues(a, notes, await knownCountries(a));
  const suggestedCode = suggestCode(a.identifier, a.reportingOrg?.ref ?? null);
  const parsed = ProgrammeFormSchema.safeParse({ ...values, code: suggestedCode, organisations: [], sourceNote: sourceNote(a) });
  const errors = parsed.success ? {} : zodErrorsToFieldErrors(parsed.error);
  delete errors.code;
  const orgs = organisationRows(a);
  const refs = orgs.map((o) => o.ref).filter((r): r is string => !!r);
  const [matches, programmes, lines] = await Promise.all([
    refs.length
      ? prisma.organisation.findMany({
          where: { OR: refs.map((ref) => ({ iatiRef: { equals: ref, mode: "insensitive" as const } })) },
          select: { id: true, shortName: true, fullName: true, iatiRef: true, archivedAt: true },
          orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { shortName: "asc" }],
        })
      : [],
    prisma.programme.findMany({
      where: { OR: [{ iatiIdentifier: a.identifier }, { sourceNote: { startsWith: `IATI activity ${a.identifier},` } }] },
      select: { id: true, code: true, title: true },
      orderBy: { code: "asc" },
    }),
    prisma.fundingLine.findMany({
      where: { providerActivityId: a.identifier },
      select: { id: true, kind: true, programme: { select: { code: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const matchOf = (ref: string | null) => {
    const m = ref ? matches.find((o) => o.iatiRef?.toUpperCase() === ref.toUpperCase()) : undefined;
    return m ? { id: m.id, shortName: m.shortName, fullName: m.fullName, iatiRef: m.iatiRef } : null;
  };
  const publisherRef = publisher?.ref ?? null;
  return {
    identifier: a.identifier,
    lang: a.lang,
    lastUpdated: a.lastUpdated,
    hierarchy: a.hierarchy,
    reportingOrg: {
      ref: a.reportingOrg?.ref ?? null,
      name: a.reportingOrg ? orgName(a.reportingOrg, a.lang) : null,
      isPublisher: !!publisherRef && a.reportingOrg?.ref?.toUpperCase() === publisherRef.toUpperCase(),
    },
    programme: {
      title: values.title || null,
      titles: a.title,
      description: values.description || null,
      objectives: values.objectives || null,
      status: (values.status || null) as ProgrammeStatus | null,
      dates: a.dates,
      countries: a.countries,
      regions: a.regions,
      sectors: a.sectors.map((s) => ({ ...s, imported: values.sectors.some((v) => v.sectorCode === s.code) && s.vocabulary === "1" })),
      errors,
      suggestedCode,
      notes,
    },
    organisations: orgs.map((o) => ({ ...o, match: matchOf(o.ref) })),
    funding: fundingRows(a, publisherRef),
    indicators: indicatorRows(a),
    documents: a.documents,
    defaults: a.defaults,
    existing: { programmes, fundingLines: lines.map((l) => ({ id: l.id, kind: l.kind, programmeCode: l.programme.code })) },
  };
}

/** The organisation type a new organisation gets: the file's, when it is an IATI code; else 90 (other). */
export function organisationTypeOf(type: string | null): string {
  return type && isOrganisationTypeCode(type) ? type : "90";
}
