// A large, realistic, made-up portfolio for benchmarks and load tests.
//
// Per programme (code "SYN-0001", ...): ~20 agreements, 200 activities,
// 300 deliverables, 300 outcomes, ~2000 participant groups, 5 indicators with
// 4 yearly periods each, 20 funding lines, plus their link rows. Every
// programme draws from its own PRNG stream (seed + code), so the data of
// SYN-0042 is the same whether or not SYN-0001..0041 were generated in the
// same run, and ids are derived from that stream too: a run is reproducible.
// Statuses follow the dates relative to today, so the same seed gives the
// same rows on a given day.
//
// Idempotent per programme: a code that exists is skipped. Each programme is
// one transaction, inserted with createMany in chunks of 1000 rows.
import { createHash } from "node:crypto";
import type {
  ActivityKind,
  ActivityStatus,
  AgreementStatus,
  AgreementType,
  DeliverableStatus,
  FollowUpStatus,
  FundingKind,
  OutcomeType,
  Prisma,
  PrismaClient,
  ProgrammeStatus,
} from "@prisma/client";
import { seedCountries } from "./countries";

const CHUNK = 1000;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for test data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedFrom(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32LE(0);
}

/** 18 base-36 characters from a hash; with a 6-character counter, a cuid-shaped id. */
function idPrefix(text: string): string {
  const n = BigInt(`0x${createHash("sha256").update(`id:${text}`).digest().subarray(0, 12).toString("hex")}`);
  return n.toString(36).padStart(19, "0").slice(-18);
}

class Rng {
  private next: () => number;
  private idCounter = 0;
  constructor(
    seed: number,
    private readonly idPrefix: string,
  ) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1]![0];
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }
  /** A cuid-shaped id ("c" + 24 base-36 chars), unique per programme stream. */
  id(): string {
    this.idCounter++;
    return `c${this.idPrefix}${this.idCounter.toString(36).padStart(6, "0")}`;
  }
}

// ---------------------------------------------------------------------------
// Vocabulary

const PARTNER_COUNTRIES: Record<string, { cities: string[] }> = {
  KZ: { cities: ["Almaty", "Astana", "Shymkent", "Karaganda"] },
  UZ: { cities: ["Tashkent", "Samarkand", "Bukhara", "Namangan"] },
  KG: { cities: ["Bishkek", "Osh"] },
  TJ: { cities: ["Dushanbe", "Khujand"] },
  TM: { cities: ["Ashgabat", "Mary"] },
  BY: { cities: ["Minsk", "Brest", "Gomel", "Grodno"] },
  MN: { cities: ["Ulaanbaatar", "Darkhan"] },
  AZ: { cities: ["Baku", "Ganja"] },
  GE: { cities: ["Tbilisi", "Batumi"] },
  VN: { cities: ["Hanoi", "Ho Chi Minh City", "Da Nang"] },
  LA: { cities: ["Vientiane", "Luang Prabang"] },
  KH: { cities: ["Phnom Penh", "Siem Reap"] },
  ID: { cities: ["Jakarta", "Surabaya", "Bandung"] },
  PH: { cities: ["Manila", "Cebu", "Davao"] },
  MM: { cities: ["Yangon", "Naypyidaw"] },
  GH: { cities: ["Accra", "Kumasi"] },
  ET: { cities: ["Addis Ababa", "Bahir Dar"] },
  KE: { cities: ["Nairobi", "Mombasa"] },
  TZ: { cities: ["Dar es Salaam", "Dodoma"] },
  RW: { cities: ["Kigali"] },
  PE: { cities: ["Lima", "Cusco", "Arequipa"] },
  CO: { cities: ["Bogotá", "Medellín", "Cali"] },
  EC: { cities: ["Quito", "Guayaquil"] },
  MX: { cities: ["Mexico City", "Guadalajara", "Monterrey"] },
  BH: { cities: ["Manama"] },
  SA: { cities: ["Riyadh", "Jeddah"] },
};
const KOREAN_CITIES = ["Seoul", "Wonju", "Sejong", "Busan", "Goyang", "Daegu", "Jeonju"];

const TOPICS = [
  "DRG costing",
  "strategic purchasing",
  "health technology assessment",
  "claims review and assessment",
  "quality of care",
  "primary health care financing",
  "health insurance IT systems",
  "drug utilization review",
  "hospital accreditation",
  "cancer control",
  "benefit package design",
  "provider payment reform",
  "eHealth and health information exchange",
  "pharmaceutical pricing",
  "health workforce planning",
  "medical device regulation",
  "long-term care insurance",
  "hospital public-private partnerships",
  "patient safety",
  "national health accounts",
];

const PROGRAMME_TITLES = [
  (t: string, c: string) => `Support to ${t} in ${c}`,
  (t: string, c: string) => `Strengthening ${t} in ${c}`,
  (t: string, c: string) => `${cap(t)} reform programme, ${c}`,
  (t: string, c: string) => `Knowledge sharing on ${t} with ${c}`,
];

const DELIVERABLE_TITLES = [
  (t: string, c: string) => `Assessment report on ${t} in ${c}`,
  (t: string) => `Training materials on ${t}`,
  (t: string) => `Draft regulation on ${t}`,
  (t: string, c: string) => `Roadmap for ${t} in ${c}`,
  (t: string) => `Costing study: ${t}`,
  (t: string) => `Curriculum for a course on ${t}`,
  (t: string) => `Policy brief on ${t}`,
  (t: string) => `Pilot evaluation: ${t}`,
  (t: string) => `System requirements specification for ${t}`,
  (t: string) => `Mission report: ${t}`,
];

const OUTCOME_TEXTS: Record<OutcomeType, ((t: string, c: string) => string)[]> = {
  DECISION: [
    (t, c) => `The Ministry of Health of ${c} decided to pilot ${t} in selected hospitals.`,
    (t) => `A national working group on ${t} is to be established.`,
    (t) => `Partners decided to extend cooperation on ${t} for another phase.`,
  ],
  AGREED_NEXT_STEP: [
    (t) => `Prepare a joint work plan on ${t} before the next meeting.`,
    (t) => `Exchange data templates and legal texts on ${t}.`,
    (t, c) => `Organise a follow-up study visit on ${t} for officials of ${c}.`,
  ],
  RECOMMENDATION: [
    (t) => `Strengthen the legal basis for ${t}.`,
    (t) => `Build analytical capacity for ${t} in the insurance fund.`,
    (t, c) => `Align ${t} in ${c} with international classifications.`,
  ],
  CONSENSUS: [
    (t) => `Consensus on priorities and a timeline for ${t}.`,
    (t) => `Shared understanding of the data needed for ${t}.`,
  ],
  ACTION_ITEM: [
    (t) => `Circulate the workshop materials on ${t} to all regions.`,
    (t) => `Nominate focal points for ${t}.`,
  ],
};

const INDICATORS: {
  title: (t: string) => string;
  resultType: "OUTPUT" | "OUTCOME" | "IMPACT";
  measure: "UNIT" | "PERCENTAGE" | "QUALITATIVE";
  unitLabel: string | null;
  byYear: [number, number];
  bySex?: boolean;
}[] = [
  { title: (t) => `Staff trained in ${t}`, resultType: "OUTPUT", measure: "UNIT", unitLabel: "people", byYear: [40, 200], bySex: true },
  { title: () => "Hospitals paid by DRG", resultType: "OUTCOME", measure: "UNIT", unitLabel: "hospitals", byYear: [3, 25] },
  { title: () => "Claims reviewed electronically", resultType: "OUTCOME", measure: "PERCENTAGE", unitLabel: null, byYear: [5, 20] },
  { title: (t) => `Regulations on ${t} adopted`, resultType: "OUTPUT", measure: "UNIT", unitLabel: "regulations", byYear: [1, 4] },
  { title: () => "Population covered by health insurance", resultType: "IMPACT", measure: "PERCENTAGE", unitLabel: null, byYear: [1, 6] },
  { title: (t) => `National framework for ${t} in place`, resultType: "OUTCOME", measure: "QUALITATIVE", unitLabel: null, byYear: [0, 0] },
];

const GROUP_LABELS = [
  "Regional health departments",
  "Hospital managers",
  "Primary-care physicians",
  "Nurses",
  "Insurance fund staff",
  "Academia",
  "Ministry of Finance officials",
  "Statisticians",
];

const SECTORS = ["12110", "12191", "12220", "12281", "12196", "12350", "16012", "12181"];

const ACTIVITY_KINDS: ActivityKind[] = [
  "STUDY_VISIT",
  "TRAINING_COURSE",
  "CONSULTANCY",
  "WORKSHOP",
  "SYMPOSIUM",
  "POLICY_DIALOGUE",
  "EXPERT_EXCHANGE",
  "HIGH_LEVEL_MEETING",
];
const DURATION_DAYS: Record<ActivityKind, [number, number]> = {
  STUDY_VISIT: [4, 6],
  TRAINING_COURSE: [3, 10],
  CONSULTANCY: [5, 60],
  WORKSHOP: [1, 3],
  SYMPOSIUM: [1, 2],
  POLICY_DIALOGUE: [1, 2],
  EXPERT_EXCHANGE: [5, 20],
  HIGH_LEVEL_MEETING: [1, 1],
};

// Korean and international organisations of the demo portfolio, when loaded.
const DEMO_DONORS = ["KWPF", "WB", "GOV-JP", "WHO", "WHO/Europe", "MOHW-KR"];
const DEMO_KOREAN_IMPLEMENTERS = ["HIRA", "NHIS", "KIHASA", "KHIDI", "NCC-KR", "KNUH", "Ilsan Hospital"];

// ---------------------------------------------------------------------------
// Helpers

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY_MS);
}
function ymd(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}
function min(a: Date, b: Date): Date {
  return a < b ? a : b;
}
function max(a: Date, b: Date): Date {
  return a > b ? a : b;
}
function between(rng: Rng, from: Date, to: Date): Date {
  if (to <= from) return from;
  return addDays(from, rng.int(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS)));
}
/** Splits 100 into n shares (multiples of 5 where possible), in the first element order. */
function split100(rng: Rng, n: number): number[] {
  if (n === 1) return [100];
  const shares: number[] = [];
  let left = 100;
  for (let i = 0; i < n - 1; i++) {
    const share = 5 * rng.int(2, Math.max(2, Math.floor((left - 10 * (n - 1 - i)) / 5 / 2)));
    shares.push(share);
    left -= share;
  }
  shares.push(left);
  return shares.sort((a, b) => b - a);
}

/** Drops null fields (the column default is null): less for Prisma to serialise per row. */
function compact<T>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<{ count: number }>): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += CHUNK) count += (await insert(rows.slice(i, i + CHUNK).map(compact))).count;
  return count;
}

// ---------------------------------------------------------------------------
// Organisations

type Org = { id: string; shortName: string; countryCode: string | null };

async function ensureOrganisations(prisma: PrismaClient, created: Record<string, number>) {
  const names = new Map(
    (await prisma.country.findMany({ where: { code: { in: Object.keys(PARTNER_COUNTRIES) } } })).map((c) => [
      c.code,
      c.nameEn,
    ]),
  );
  const rows: Prisma.OrganisationCreateManyInput[] = [];
  for (const [cc, { cities }] of Object.entries(PARTNER_COUNTRIES)) {
    const country = names.get(cc) ?? cc;
    const capital = cities[0]!;
    const add = (suffix: string, fullName: string, iatiTypeCode: string, description: string) =>
      rows.push({ shortName: `SYN-${cc}-${suffix}`, fullName, countryCode: cc, iatiTypeCode, description });
    add("MOH", `Ministry of Health of ${country}`, "10", "partner ministry (synthetic)");
    add("HIF", `National Health Insurance Fund of ${country}`, "15", "health insurance fund (synthetic)");
    add("NIPH", `National Institute of Public Health of ${country}`, "80", "research institute (synthetic)");
    add("HOSP", `Republican Clinical Hospital, ${capital}`, "15", "hospital (synthetic)");
    add("UNIV", `${cities[1] ?? capital} State Medical University`, "80", "university (synthetic)");
    add("MED", `${country} Medical Supplies Company`, "72", "company (synthetic)");
  }
  rows.push(
    { shortName: "SYN-KR-FUND", fullName: "Korea Health Cooperation Fund", countryCode: "KR", iatiTypeCode: "10", description: "donor (synthetic)" },
    { shortName: "SYN-KR-INST", fullName: "Korea Institute of Health Financing", countryCode: "KR", iatiTypeCode: "80", description: "research institute (synthetic)" },
    { shortName: "SYN-KR-IT", fullName: "Korea Health Systems Ltd", countryCode: "KR", iatiTypeCode: "71", description: "company (synthetic)" },
  );
  created.organisation += (await prisma.organisation.createMany({ data: rows, skipDuplicates: true })).count;
  const all: Org[] = await prisma.organisation.findMany({
    where: {
      archivedAt: null,
      OR: [{ shortName: { startsWith: "SYN-" } }, { shortName: { in: [...DEMO_DONORS, ...DEMO_KOREAN_IMPLEMENTERS, "WHO"] } }],
    },
    select: { id: true, shortName: true, countryCode: true },
  });
  const by = new Map(all.map((o) => [o.shortName, o]));
  const demoDonors = DEMO_DONORS.map((s) => by.get(s)).filter((o): o is Org => !!o);
  const demoKorean = DEMO_KOREAN_IMPLEMENTERS.map((s) => by.get(s)).filter((o): o is Org => !!o);
  const byCountry = new Map<string, Org[]>();
  for (const o of all) {
    if (!o.shortName.startsWith("SYN-") || !o.countryCode || o.countryCode === "KR") continue;
    byCountry.set(o.countryCode, [...(byCountry.get(o.countryCode) ?? []), o]);
  }
  return {
    donors: [...demoDonors, by.get("SYN-KR-FUND")!],
    korean: [...demoKorean, by.get("SYN-KR-INST")!, by.get("SYN-KR-IT")!],
    contractor: by.get("SYN-KR-IT")!,
    who: by.get("WHO") ?? null,
    byCountry,
    countryNames: names,
  };
}
type OrgPool = Awaited<ReturnType<typeof ensureOrganisations>>;

// ---------------------------------------------------------------------------
// One programme

type Rows = {
  programme: Prisma.ProgrammeCreateManyInput;
  programmeOrganisation: Prisma.ProgrammeOrganisationCreateManyInput[];
  programmeCountry: Prisma.ProgrammeCountryCreateManyInput[];
  programmeSector: Prisma.ProgrammeSectorCreateManyInput[];
  agreement: Prisma.AgreementCreateManyInput[];
  amendment: Prisma.AgreementCreateManyInput[];
  agreementParty: Prisma.AgreementPartyCreateManyInput[];
  activity: Prisma.ActivityCreateManyInput[];
  activityAgreement: Prisma.ActivityAgreementCreateManyInput[];
  activityOrganisation: Prisma.ActivityOrganisationCreateManyInput[];
  participantGroup: Prisma.ActivityParticipantGroupCreateManyInput[];
  deliverable: Prisma.DeliverableCreateManyInput[];
  outcome: Prisma.OutcomeCreateManyInput[];
  indicator: Prisma.IndicatorCreateManyInput[];
  indicatorPeriod: Prisma.IndicatorPeriodCreateManyInput[];
  fundingLine: Prisma.FundingLineCreateManyInput[];
};

function buildProgramme(code: string, seed: number, orgs: OrgPool, today: Date): Rows {
  const rng = new Rng(seedFrom(`${seed}:${code}`), idPrefix(`${seed}:${code}`));
  const programmeId = rng.id();
  const topic = rng.pick(TOPICS);
  const topics = [topic, ...rng.sample(TOPICS.filter((t) => t !== topic), 3)];
  const countries = rng.sample(Object.keys(PARTNER_COUNTRIES), rng.weighted([[1, 6], [2, 3], [3, 1]] as const));
  const mainCountry = countries[0]!;
  const countryName = (cc: string) => orgs.countryNames.get(cc) ?? cc;

  // Dates: start 2015 .. last year, 2-6 years long, ending by 2027.
  const lastStartYear = Math.max(2015, Math.min(2025, today.getUTCFullYear() - 1));
  const start = ymd(rng.int(2015, lastStartYear), rng.int(1, 12), 1);
  const end = min(addDays(start, rng.int(24, 72) * 30), ymd(2027, 12, 31));
  const ended = end < today;
  let status: ProgrammeStatus = ended ? (addDays(end, 180) > today ? "FINALISATION" : "CLOSED") : "IMPLEMENTATION";
  if (!ended && rng.chance(0.04)) status = "SUSPENDED";

  const currency = rng.weighted([["USD", 7], ["KRW", 2], ["EUR", 1]] as const);
  const scale = currency === "KRW" ? 1300 : 1;
  const years: number[] = [];
  for (let y = start.getUTCFullYear(); y <= end.getUTCFullYear(); y++) years.push(y);

  const funder = rng.pick(orgs.donors);
  const koreanLead = rng.pick(orgs.korean);
  const partnerOrgs = countries.flatMap((cc) => orgs.byCountry.get(cc) ?? []);
  const partnerMinistry = partnerOrgs.find((o) => o.shortName === `SYN-${mainCountry}-MOH`) ?? partnerOrgs[0]!;
  const involved = [...new Set([funder, koreanLead, ...rng.sample(orgs.korean, 2), ...partnerOrgs])];

  const rows: Rows = {
    programme: {
      id: programmeId,
      code,
      title: rng.pick(PROGRAMME_TITLES)(topic, countries.map(countryName).join(", ")),
      description: `Synthetic programme for benchmarks: cooperation on ${topics.join(", ")}.`,
      status,
      plannedStart: start,
      plannedEnd: end,
      actualStart: start,
      actualEnd: ended ? end : null,
      budgetCurrency: currency,
      sourceNote: "Synthetic data (seedSynthetic)",
    },
    programmeOrganisation: [],
    programmeCountry: [],
    programmeSector: [],
    agreement: [],
    amendment: [],
    agreementParty: [],
    activity: [],
    activityAgreement: [],
    activityOrganisation: [],
    participantGroup: [],
    deliverable: [],
    outcome: [],
    indicator: [],
    indicatorPeriod: [],
    fundingLine: [],
  };

  // Roles, countries, sectors ---------------------------------------------------
  const roles = new Set<string>();
  const addRole = (org: Org, role: Prisma.ProgrammeOrganisationCreateManyInput["role"]) => {
    if (roles.has(`${org.id}/${role}`)) return;
    roles.add(`${org.id}/${role}`);
    rows.programmeOrganisation.push({ programmeId, organisationId: org.id, role });
  };
  addRole(funder, "FUNDING");
  addRole(koreanLead, "EXTENDING");
  addRole(koreanLead, "IMPLEMENTING");
  addRole(partnerMinistry, "ACCOUNTABLE");
  for (const o of rng.sample(partnerOrgs, 2)) addRole(o, "IMPLEMENTING");

  const countryShares = split100(rng, countries.length);
  countries.forEach((countryCode, i) =>
    rows.programmeCountry.push({ programmeId, countryCode, percentage: countryShares[i]! }),
  );
  const sectors = ["12110", ...rng.sample(SECTORS.slice(1), rng.int(0, 2))];
  const sectorShares = split100(rng, sectors.length);
  sectors.forEach((sectorCode, i) => rows.programmeSector.push({ programmeId, sectorCode, percentage: sectorShares[i]! }));

  // Agreements ----------------------------------------------------------------------
  type Ag = { id: string; title: string; signedOn: Date | null; parties: [Org, Prisma.AgreementPartyCreateManyInput["role"]][] };
  const agreements: Ag[] = [];
  const agreementCount = rng.int(16, 24);
  for (let n = 0; n < agreementCount; n++) {
    const t = rng.pick(topics);
    const partner = rng.pick(partnerOrgs);
    const korean = rng.pick(orgs.korean);
    const amendable = agreements.filter((a) => a.signedOn && a.signedOn < addDays(end, -120));
    const parent = amendable.length > 0 && rng.chance(0.12) ? rng.pick(amendable) : undefined;
    const type: AgreementType = parent
      ? "AMENDMENT"
      : rng.weighted([["MOU", 40], ["IMPLEMENTATION_PLAN", 15], ["CONTRACT", 28], ["LETTER_OF_INTENT", 12], ["CC_DESIGNATION", 5]] as const);
    const earliest = parent?.signedOn ? addDays(parent.signedOn, 60) : addDays(start, -180);
    const signed = between(rng, earliest, addDays(end, -30));
    const id = rng.id();
    let agStatus: AgreementStatus;
    let signedOn: Date | null = signed;
    let effectiveOn: Date | null = addDays(signed, rng.int(0, 60));
    let expiresOn: Date | null = addDays(signed, 365 * rng.int(2, 5));
    if (signed > today) {
      agStatus = rng.chance(0.5) ? "DRAFT" : "UNDER_NEGOTIATION";
      signedOn = null;
      effectiveOn = null;
      expiresOn = null;
    } else if (expiresOn < today) {
      agStatus = rng.chance(0.06) ? "TERMINATED" : "EXPIRED";
    } else {
      agStatus = effectiveOn > today ? "SIGNED" : "ACTIVE";
    }
    let title: string;
    let parties: Ag["parties"];
    let value: number | null = null;
    switch (type) {
      case "MOU":
        title = `MoU on ${t} between ${korean.shortName} and ${partner.shortName}`;
        parties = [[korean, "SIGNATORY"], [partner, "SIGNATORY"]];
        if (rng.chance(0.2)) parties.push([funder, "WITNESS"]);
        break;
      case "IMPLEMENTATION_PLAN":
        title = `Implementation plan on ${t} (${signed.getUTCFullYear()})`;
        parties = [[korean, "SIGNATORY"], [partnerMinistry, "SIGNATORY"]];
        break;
      case "CONTRACT":
        title = `Contract for ${t} services — ${countryName(partner.countryCode ?? mainCountry)}`;
        parties = [[rng.chance(0.5) ? orgs.contractor : korean, "CONTRACTOR"], [partner, "CLIENT"]];
        value = rng.int(5, 300) * 10_000 * scale;
        break;
      case "LETTER_OF_INTENT":
        title = `Letter of intent on ${t}`;
        parties = [[korean, "SIGNATORY"], [partner, "SIGNATORY"]];
        break;
      case "CC_DESIGNATION":
        title = `Designation of ${korean.shortName} as collaborating centre for ${t}`;
        parties = [[orgs.who ?? funder, "DESIGNATING_BODY"], [korean, "DESIGNATED_INSTITUTION"]];
        break;
      default: {
        const p = parent!;
        title = `Amendment to ${p.title}`;
        parties = p.parties.filter(([, r]) => r !== "WITNESS");
      }
    }
    const uniqueParties: Ag["parties"] = [
      ...new Map(parties.map(([o, r]) => [`${o.id}/${r}`, [o, r] as Ag["parties"][number]] as const)).values(),
    ];
    const row: Prisma.AgreementCreateManyInput = {
      id,
      programmeId,
      parentId: parent?.id ?? null,
      type,
      title,
      status: agStatus,
      signedOn,
      signedPrecision: "DAY",
      effectiveOn,
      expiresOn,
      value,
      currency: value === null ? null : currency,
      reference: `${code}/${String(n + 1).padStart(3, "0")}`,
    };
    (parent ? rows.amendment : rows.agreement).push(row);
    for (const [o, role] of uniqueParties) rows.agreementParty.push({ agreementId: id, organisationId: o.id, role });
    agreements.push({ id, title, signedOn, parties: uniqueParties });
  }

  // Activities -----------------------------------------------------------------------
  type Act = { id: string; start: Date; end: Date; held: boolean };
  const activities: Act[] = [];
  for (let n = 0; n < 200; n++) {
    const kind = ACTIVITY_KINDS[n % ACTIVITY_KINDS.length]!;
    const t = rng.pick(topics);
    const [dMin, dMax] = DURATION_DAYS[kind];
    const duration = rng.int(dMin, dMax);
    const aStart = between(rng, start, addDays(end, -duration));
    const aEnd = addDays(aStart, duration - 1);
    const inKorea = kind === "STUDY_VISIT" || (kind === "SYMPOSIUM" && rng.chance(0.5));
    const cc = inKorea ? "KR" : rng.pick(countries);
    const city = inKorea ? rng.pick(KOREAN_CITIES) : rng.pick(PARTNER_COUNTRIES[cc]!.cities);
    let actStatus: ActivityStatus;
    if (aEnd < today) actStatus = rng.chance(0.06) ? "CANCELLED" : "COMPLETED";
    else if (aStart > today) actStatus = rng.weighted([["PLANNED", 92], ["POSTPONED", 5], ["CANCELLED", 3]] as const);
    else actStatus = "ONGOING";
    const precision = kind === "CONSULTANCY" && rng.chance(0.1) ? "YEAR" : rng.chance(0.05) ? "MONTH" : "DAY";
    const plannedStart =
      precision === "YEAR" ? ymd(aStart.getUTCFullYear(), 1, 1) : precision === "MONTH" ? ymd(aStart.getUTCFullYear(), aStart.getUTCMonth() + 1, 1) : aStart;
    const plannedEnd = precision === "DAY" ? aEnd : null;
    const title = {
      STUDY_VISIT: `Study visit on ${t} to Korea`,
      TRAINING_COURSE: `Training course on ${t} — ${city}`,
      CONSULTANCY: `Consultancy on ${t} — ${countryName(cc)}`,
      WORKSHOP: `Workshop on ${t} — ${city}`,
      SYMPOSIUM: `International symposium on ${t} — ${city}`,
      POLICY_DIALOGUE: `Policy dialogue on ${t} — ${city}`,
      EXPERT_EXCHANGE: `Expert exchange on ${t} — ${city}`,
      HIGH_LEVEL_MEETING: `High-level meeting on ${t} — ${city}`,
    }[kind];
    const id = rng.id();
    const held = actStatus === "COMPLETED" || actStatus === "ONGOING";

    // Participant groups (expected ones for planned activities).
    let total = 0;
    let female = 0;
    let male = 0;
    let other = 0;
    if (actStatus !== "CANCELLED") {
      const groups = rng.int(5, 15);
      for (let g = 0; g < groups; g++) {
        const gTotal = rng.int(1, 25);
        const gFemale = rng.int(0, gTotal);
        const gMale = rng.int(0, gTotal - gFemale);
        const gOther = rng.chance(0.15) ? gTotal - gFemale - gMale : 0;
        const org = rng.chance(0.6) ? rng.pick(involved) : null;
        rows.participantGroup.push({
          id: rng.id(),
          activityId: id,
          organisationId: org?.id ?? null,
          label: org ? null : rng.pick(GROUP_LABELS),
          total: gTotal,
          female: gFemale,
          male: gMale,
          other: gOther,
        });
        total += gTotal;
        female += gFemale;
        male += gMale;
        other += gOther;
      }
    }

    rows.activity.push({
      id,
      programmeId,
      kind,
      title,
      description: `Synthetic ${kind.toLowerCase().replace(/_/g, " ")} on ${t}.`,
      countryCode: cc,
      city,
      status: actStatus,
      plannedStart,
      plannedEnd,
      actualStart: held ? plannedStart : null,
      actualEnd: actStatus === "COMPLETED" ? plannedEnd ?? aEnd : null,
      datePrecision: precision,
      participantsTotal: actStatus === "CANCELLED" ? null : total,
      participantsFemale: actStatus === "CANCELLED" ? null : female,
      participantsMale: actStatus === "CANCELLED" ? null : male,
      participantsOther: actStatus === "CANCELLED" ? null : other,
    });

    const actRoles = new Set<string>();
    const addActRole = (org: Org, role: Prisma.ActivityOrganisationCreateManyInput["role"]) => {
      if (actRoles.has(`${org.id}/${role}`)) return;
      actRoles.add(`${org.id}/${role}`);
      rows.activityOrganisation.push({ activityId: id, organisationId: org.id, role });
    };
    const localOrgs = inKorea ? orgs.korean : (orgs.byCountry.get(cc) ?? partnerOrgs);
    addActRole(rng.pick(localOrgs), "HOST");
    addActRole(rng.chance(0.7) ? koreanLead : rng.pick(orgs.korean), "ORGANISER");
    for (const o of rng.sample(partnerOrgs, rng.int(1, 2))) addActRole(o, "PARTICIPANT");
    if (rng.chance(0.15)) addActRole(funder, "FUNDER");

    if (rng.chance(0.3)) {
      const signedBefore = agreements.filter((a) => a.signedOn && a.signedOn <= aStart);
      if (signedBefore.length > 0) rows.activityAgreement.push({ activityId: id, agreementId: rng.pick(signedBefore).id });
    }
    activities.push({ id, start: aStart, end: aEnd, held });
  }

  // Deliverables ---------------------------------------------------------------------
  const deliverableIds: string[] = [];
  for (let n = 0; n < 300; n++) {
    const t = rng.pick(topics);
    const due = between(rng, addDays(start, 60), end);
    let dStatus: DeliverableStatus;
    if (due > addDays(today, 90)) dStatus = rng.chance(0.6) ? "NOT_STARTED" : "IN_PROGRESS";
    else if (due >= today) dStatus = rng.weighted([["IN_PROGRESS", 6], ["SUBMITTED", 3], ["NOT_STARTED", 1]] as const);
    else dStatus = rng.weighted([["ACCEPTED", 70], ["SUBMITTED", 15], ["IN_PROGRESS", 10], ["NOT_STARTED", 5]] as const);
    const submittedAt =
      dStatus === "SUBMITTED" || dStatus === "ACCEPTED" ? min(addDays(due, -rng.int(0, 30)), today) : null;
    const acceptedAt = dStatus === "ACCEPTED" && submittedAt ? min(addDays(submittedAt, rng.int(1, 30)), today) : null;
    const agreement = rng.chance(0.4) ? rng.pick(agreements) : null;
    const activity = rng.chance(0.3) ? rng.pick(activities) : null;
    const id = rng.id();
    rows.deliverable.push({
      id,
      programmeId,
      agreementId: agreement?.id ?? null,
      activityId: activity?.id ?? null,
      responsibleOrgId: rng.pick(involved).id,
      title: rng.pick(DELIVERABLE_TITLES)(t, countryName(rng.pick(countries))),
      dueDate: due,
      status: dStatus,
      submittedAt,
      acceptedAt,
    });
    deliverableIds.push(id);
  }

  // Outcomes (of activities that took place) -------------------------------------------
  const held = activities.filter((a) => a.held);
  const outcomeSource = held.length > 0 ? held : activities;
  for (let n = 0; n < 300; n++) {
    const activity = rng.pick(outcomeSource);
    const type = rng.weighted([["AGREED_NEXT_STEP", 30], ["RECOMMENDATION", 25], ["DECISION", 15], ["CONSENSUS", 15], ["ACTION_ITEM", 15]] as const);
    const due = addDays(activity.end, rng.int(30, 365));
    let follow: FollowUpStatus;
    if (due < today) follow = rng.weighted([["DONE", 60], ["IN_PROGRESS", 20], ["NOT_PURSUED", 10], ["NOT_STARTED", 10]] as const);
    else follow = rng.chance(0.5) ? "NOT_STARTED" : "IN_PROGRESS";
    rows.outcome.push({
      id: rng.id(),
      activityId: activity.id,
      type,
      text: rng.pick(OUTCOME_TEXTS[type])(rng.pick(topics), countryName(mainCountry)),
      responsibleOrgId: rng.chance(0.8) ? rng.pick(involved).id : null,
      dueDate: type === "CONSENSUS" ? null : due,
      followUpStatus: follow,
      followUpNote: follow === "NOT_PURSUED" ? "Superseded by a later decision." : null,
      deliverableId: rng.chance(0.3) ? rng.pick(deliverableIds) : null,
    });
  }

  // Indicators: 5 x 4 yearly periods from the start year ---------------------------------
  for (const spec of rng.sample(INDICATORS, 5)) {
    const id = rng.id();
    const baseline = spec.measure === "QUALITATIVE" ? null : spec.measure === "PERCENTAGE" ? rng.int(20, 60) : 0;
    rows.indicator.push({
      id,
      programmeId,
      resultType: spec.resultType,
      measure: spec.measure,
      title: spec.title(topic),
      unitLabel: spec.unitLabel,
      ascending: true,
      baselineValue: baseline,
      baselineYear: baseline === null ? null : start.getUTCFullYear() - 1,
    });
    let target = baseline ?? 0;
    let actual = baseline ?? 0;
    for (let k = 0; k < 4; k++) {
      const year = start.getUTCFullYear() + k;
      const periodEnd = ymd(year, 12, 31);
      target += rng.int(spec.byYear[0], spec.byYear[1]);
      actual += Math.round(rng.int(spec.byYear[0], spec.byYear[1]) * (0.6 + rng.float() * 0.6));
      if (spec.measure === "PERCENTAGE") {
        target = Math.min(target, 100);
        actual = Math.min(actual, 100);
      }
      const reported = periodEnd < today;
      const qualitative = spec.measure === "QUALITATIVE";
      const femaleShare = 0.4 + rng.float() * 0.3;
      rows.indicatorPeriod.push({
        id: rng.id(),
        indicatorId: id,
        periodStart: ymd(year, 1, 1),
        periodEnd,
        targetValue: qualitative ? null : target,
        actualValue: qualitative || !reported ? null : actual,
        targetFemale: spec.bySex ? Math.round(target * 0.5) : null,
        targetMale: spec.bySex ? target - Math.round(target * 0.5) : null,
        actualFemale: spec.bySex && reported ? Math.round(actual * femaleShare) : null,
        actualMale: spec.bySex && reported ? actual - Math.round(actual * femaleShare) : null,
        targetComment: qualitative ? (k < 2 ? "Framework drafted" : "Framework adopted and in use") : null,
        actualComment: qualitative && reported ? rng.pick(["Drafted", "Under consultation", "Adopted", "Delayed"]) : null,
      });
    }
  }

  // Funding: a budget per year (at most 5), then transactions up to 20 lines ---------------------
  const budgetYears = years.slice(0, 5);
  let budgetTotal = 0;
  for (const y of budgetYears) {
    const amount = rng.int(20, 150) * 10_000 * scale;
    budgetTotal += amount;
    rows.fundingLine.push({
      id: rng.id(),
      programmeId,
      kind: "BUDGET",
      providerOrgId: funder.id,
      receiverOrgId: koreanLead.id,
      fiscalYear: y,
      periodStart: ymd(y, 1, 1),
      periodEnd: ymd(y, 12, 31),
      valueDate: ymd(y, 1, 1),
      amount,
      currency,
      description: `Annual budget ${y}`,
    });
  }
  rows.programme.budgetAmount = budgetTotal;
  const lastPastDay = min(end, today);
  const transactionKinds: FundingKind[] = ["INCOMING_COMMITMENT", "COMMITMENT", "INCOMING_FUNDS", "DISBURSEMENT", "EXPENDITURE"];
  for (let n = rows.fundingLine.length; n < 20; n++) {
    const kind = n === budgetYears.length ? "INCOMING_COMMITMENT" : rng.pick(transactionKinds.slice(1));
    const date = between(rng, start, max(start, lastPastDay));
    const incoming = kind === "INCOMING_COMMITMENT" || kind === "INCOMING_FUNDS";
    const amount = kind === "INCOMING_COMMITMENT" ? budgetTotal : rng.int(1, 40) * 5_000 * scale;
    rows.fundingLine.push({
      id: rng.id(),
      programmeId,
      kind,
      providerOrgId: incoming ? funder.id : koreanLead.id,
      receiverOrgId: incoming ? koreanLead.id : rng.pick(partnerOrgs).id,
      fiscalYear: date.getUTCFullYear(),
      transactionDate: date,
      valueDate: date,
      amount,
      currency,
      description: `${cap(kind.toLowerCase().replace(/_/g, " "))} — ${rng.pick(topics)}`,
    });
  }

  return rows;
}

// ---------------------------------------------------------------------------

/**
 * Generates `programmes` synthetic programmes SYN-0001.. (skipping codes that
 * exist) and returns the number of rows created per table.
 */
export async function seedSynthetic(
  prisma: PrismaClient,
  opts: { programmes: number; seed?: number },
): Promise<Record<string, number>> {
  const seed = opts.seed ?? 1;
  const today = utcDay(new Date());
  const created: Record<string, number> = {
    country: 0,
    organisation: 0,
    programme: 0,
    programmeOrganisation: 0,
    programmeCountry: 0,
    programmeSector: 0,
    agreement: 0,
    agreementParty: 0,
    activity: 0,
    activityAgreement: 0,
    activityOrganisation: 0,
    participantGroup: 0,
    deliverable: 0,
    outcome: 0,
    indicator: 0,
    indicatorPeriod: 0,
    fundingLine: 0,
  };
  created.country = await seedCountries(prisma);
  const orgs = await ensureOrganisations(prisma, created);

  const codes = Array.from({ length: opts.programmes }, (_, i) => `SYN-${String(i + 1).padStart(4, "0")}`);
  const existing = new Set(
    (await prisma.programme.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((p) => p.code),
  );

  for (const code of codes) {
    if (existing.has(code)) continue;
    const r = buildProgramme(code, seed, orgs, today);
    const counts = await prisma.$transaction(
      async (tx) => {
        const c: Record<string, number> = {};
        await tx.programme.create({ data: r.programme });
        c.programme = 1;
        c.programmeOrganisation = (await tx.programmeOrganisation.createMany({ data: r.programmeOrganisation })).count;
        c.programmeCountry = (await tx.programmeCountry.createMany({ data: r.programmeCountry })).count;
        c.programmeSector = (await tx.programmeSector.createMany({ data: r.programmeSector })).count;
        // Amendments after the agreements they amend (parentId is a foreign key).
        c.agreement =
          (await insertChunked(r.agreement, (data) => tx.agreement.createMany({ data }))) +
          (await insertChunked(r.amendment, (data) => tx.agreement.createMany({ data })));
        c.agreementParty = await insertChunked(r.agreementParty, (data) => tx.agreementParty.createMany({ data }));
        c.activity = await insertChunked(r.activity, (data) => tx.activity.createMany({ data }));
        c.activityAgreement = await insertChunked(r.activityAgreement, (data) => tx.activityAgreement.createMany({ data }));
        c.activityOrganisation = await insertChunked(r.activityOrganisation, (data) => tx.activityOrganisation.createMany({ data }));
        c.participantGroup = await insertChunked(r.participantGroup, (data) => tx.activityParticipantGroup.createMany({ data }));
        c.deliverable = await insertChunked(r.deliverable, (data) => tx.deliverable.createMany({ data }));
        c.outcome = await insertChunked(r.outcome, (data) => tx.outcome.createMany({ data }));
        c.indicator = await insertChunked(r.indicator, (data) => tx.indicator.createMany({ data }));
        c.indicatorPeriod = await insertChunked(r.indicatorPeriod, (data) => tx.indicatorPeriod.createMany({ data }));
        c.fundingLine = await insertChunked(r.fundingLine, (data) => tx.fundingLine.createMany({ data }));
        return c;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
    for (const [k, v] of Object.entries(counts)) created[k] = (created[k] ?? 0) + v;
  }
  return created;
}
