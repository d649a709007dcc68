import type { Ctx } from "~/models/ctx.server";
import { assertStaff } from "~/models/ctx.server";
import { getPublisher } from "~/models/publisher.server";
import { iatiProblems, type IatiFinding } from "~/iati/check.server";
import { buildIatiXml } from "~/reports/iati.server";
import { prisma } from "~/utils/db.server";

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
 * publication first). Each programme's file is built alone, then all of the
 * page's activities are checked in one pass (one schema compilation for the
 * page) and every finding is handed back to the programme whose activity it is
 * about.
 */
export async function iatiReadiness(ctx: Ctx, options: { page?: number; origin: string }): Promise<IatiReadiness> {
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

  // TODO(lead, issue 17): build with helper D's public selection (the file the
  // Registry reads: programmes marked iatiPublished, not archived, with the
  // publisher as reporting-org and public document links) instead of the
  // staff-scope export of each programme; same loop, other selection.
  const origin = publisher?.publicBaseUrl ?? options.origin;
  const owner = new Map<string, string>();
  const bodies: string[] = [];
  let rootOpen = "";
  for (const row of rows) {
    const xml = await buildIatiXml(ctx.scope, { code: row.code, origin });
    const open = xml.match(/<iati-activities\b[^>]*>/);
    const close = xml.lastIndexOf("</iati-activities>");
    if (!open || close === -1) continue;
    rootOpen ||= open[0];
    bodies.push(xml.slice(open.index! + open[0].length, close));
    for (const m of xml.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)) owner.set(m[1].trim(), row.id);
  }

  const results = new Map<string, ProgrammeReadiness>(
    rows.map((r) => [r.id, { id: r.id, code: r.code, title: r.title, published: r.iatiPublished, errors: [], warnings: [] }]),
  );
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
  const programmes = [...results.values()];
  return {
    publisherMissing: publisher === null,
    page,
    perPage: READINESS_PER_PAGE,
    total,
    blocked: programmes.filter((p) => p.errors.length > 0).length,
    programmes,
  };
}
