import type { Ctx } from "~/models/ctx.server";
import { assertStaff } from "~/models/ctx.server";
import { getPublisher } from "~/models/publisher.server";
import { iatiProblems, type IatiFinding } from "~/iati/check.server";
import { buildIatiXml, longBudgetLines } from "~/reports/iati.server";
import { message } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors.server";

// The IATI readiness page (/admin/iati): the three checks of the IATI
// Validator (XSD, ruleset, codelists) on what each programme would put in
// the public activity file, before anyone publishes it.

export const READINESS_PER_PAGE = 50;

export type ReadinessProblem = { id: string; message: string; where: string; identifier: string };

export type ProgrammeReadiness = {
  id: string;
  code: string;
  title: string;
  published: boolean;
  errors: ReadinessProblem[];
  warnings: ReadinessProblem[];
};

export type IatiReadiness = {
  publisherMissing: boolean;
  page: number;
  perPage: number;
  total: number;
  /** The programmes of this page that have at least one error. */
  blocked: number;
  programmes: ProgrammeReadiness[];
};

const XSD_LINE = /^(\S+): (.*)$/s;

function problem(f: IatiFinding): ReadinessProblem {
  return { id: f.id, message: f.message, where: f.path, identifier: f.identifier };
}

/**
 * The check, one page of programmes at a time (not archived; those marked for
 * publication first). Without publisher settings nothing can be built: the
 * page says so and lists no programme findings.
 */
export async function iatiReadiness(ctx: Ctx, options: { page?: number } = {}): Promise<IatiReadiness> {
  assertStaff(ctx);
  const publisher = await getPublisher();
  const where = { archivedAt: null };
  const total = await prisma.programme.count({ where });
  const pages = Math.max(1, Math.ceil(total / READINESS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), pages);
  const rows = await prisma.programme.findMany({
    where,
    select: { id: true, code: true, title: true, iatiPublished: true },
    orderBy: [{ iatiPublished: "desc" }, { code: "asc" }],
    skip: (page - 1) * READINESS_PER_PAGE,
    take: READINESS_PER_PAGE,
  });
  const programmes = publisher ? await checkProgrammes(rows) : rows.map((r) => emptyReadiness(r));
  return {
    publisherMissing: publisher === null,
    page,
    perPage: READINESS_PER_PAGE,
    total,
    blocked: programmes.filter((p) => p.errors.length > 0).length,
    programmes,
  };
}

/**
 * One programme's findings, as the publish action checks them before it
 * marks the programme for the public file. Null when there are no publisher
 * settings (publishing refuses that on its own).
 */
export async function programmeReadiness(programmeId: string): Promise<ProgrammeReadiness | null> {
  if (!(await getPublisher())) return null;
  const row = await prisma.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, code: true, title: true, iatiPublished: true } });
  return (await checkProgrammes([row]))[0];
}

/**
 * The quality gate before a programme goes into the public file (ADR 0031):
 * a programme whose activities the IATI Validator would reject is refused,
 * naming the first error; the readiness page lists them all. Nothing to check
 * without publisher settings (publishing refuses that on its own) or for a
 * programme already published (publishing again changes nothing).
 */
export async function assertPublishable(programmeId: string): Promise<void> {
  const readiness = await programmeReadiness(programmeId);
  if (readiness && !readiness.published && readiness.errors.length > 0) {
    const first = readiness.errors[0];
    throw new DomainError("invalid", message("iatiPublish.v.notReady", { count: readiness.errors.length, first: `${first.id}: ${first.message}` }));
  }
}

type Row = { id: string; code: string; title: string; iatiPublished: boolean };

function emptyReadiness(r: Row): ProgrammeReadiness {
  return { id: r.id, code: r.code, title: r.title, published: r.iatiPublished, errors: [], warnings: [] };
}

/**
 * Each programme's activities exactly as the public file would hold them
 * (the writer applies the same rules to every selection: the publisher as
 * reporting-org, public documents only; the programme and its level-2
 * children), built one programme at a time, then all of them checked in one
 * pass (one schema compilation) and every finding handed back to the
 * programme whose activity it is about.
 */
async function checkProgrammes(rows: Row[]): Promise<ProgrammeReadiness[]> {
  const owner = new Map<string, string>();
  const bodies: string[] = [];
  let rootOpen = "";
  for (const row of rows) {
    const xml = await buildIatiXml({ kind: "staff" }, { code: row.code });
    const open = xml.match(/<iati-activities\b[^>]*>/);
    const close = xml.lastIndexOf("</iati-activities>");
    if (!open || close === -1) continue;
    rootOpen ||= open[0];
    bodies.push(xml.slice(open.index! + open[0].length, close));
    for (const m of xml.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)) owner.set(m[1].trim(), row.id);
  }

  const results = new Map<string, ProgrammeReadiness>(rows.map((r) => [r.id, emptyReadiness(r)]));
  if (bodies.length > 0) {
    const found = await iatiProblems([rootOpen, ...bodies, "</iati-activities>"], "activities");
    for (const line of found.xsd) {
      const [, identifier = "file", message = line] = XSD_LINE.exec(line) ?? [];
      const target = results.get(owner.get(identifier) ?? "");
      target?.errors.push({ id: "XSD", message, where: "", identifier });
    }
    for (const f of [...found.rules, ...found.codelists]) {
      const target = results.get(owner.get(f.identifier) ?? "");
      if (!target) continue;
      (f.severity === "error" ? target.errors : target.warnings).push(problem(f));
    }
  }
  // Budget lines longer than 12 months are left out of the file rather than
  // split into invented years (ADR 0032): not an IATI error, but the reader
  // must know, and the fix is one line per year.
  for (const line of await longBudgetLines(rows.map((r) => r.id))) {
    results.get(line.programmeId)?.warnings.push({
      id: "budget-period",
      message: message("iatiCheck.longBudget", {
        amount: `${line.amount.toString()} ${line.currency}`,
        from: line.periodStart?.toISOString().slice(0, 10) ?? "",
        to: line.periodEnd?.toISOString().slice(0, 10) ?? "",
      }),
      where: `/funding/${line.id}`,
      identifier: "",
    });
  }
  // An activity in implementation without a budget: IATI asks for a budget or
  // budget-not-provided, and none of that codelist's three codes (commercial,
  // legal, rapid-onset emergency) is true of a technical-cooperation
  // programme, so Concord writes neither (ADR 0032) and says so here.
  const withBudget = new Set(
    (await prisma.fundingLine.findMany({
      where: { programmeId: { in: rows.map((r) => r.id) }, kind: "BUDGET", archivedAt: null },
      select: { programmeId: true },
      distinct: ["programmeId"],
    })).map((f) => f.programmeId),
  );
  const active = await prisma.programme.findMany({ where: { id: { in: rows.map((r) => r.id) }, status: "IMPLEMENTATION" }, select: { id: true } });
  for (const { id } of active) {
    if (!withBudget.has(id)) results.get(id)?.warnings.push({ id: "budget", message: message("iatiCheck.noBudget"), where: "/funding/new", identifier: "" });
  }
  return [...results.values()];
}
