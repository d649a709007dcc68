import { Prisma, type ActivityKind, type ActivityStatus } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { ACTIVITY_LIST, listActivities } from "~/models/activity.server";
import { prisma } from "~/utils/db.server";
import { parseListQuery } from "~/utils/list-query";
import { createActivity } from "../factories/activity";
import { createProgramme, ensureCountries } from "../factories";

// The staff activity list reads a page through the partial indexes of
// migration 20261205150001 (kind + status, status, country, no filter:
// "startsOn" DESC NULLS LAST; title), and finishes the tie-breakers (title, id) with an
// incremental sort. Here, on data with the edge cases (archived rows, undated
// rows, rows that tie on the date and on the title, other kinds, statuses and
// countries): every page of the list and its total against the simple form
// (every activity read and filtered and sorted here), and the same rows when
// PostgreSQL is made to use the list's indexes, which must exist and match
// the ORDER BY (a wrong NULLS order or a missing index shows as a plan
// without them).

const staff: Scope = { kind: "staff" };
type Row = { id: string; title: string; kind: string; status: string; countryCode: string | null; startsOn: Date | null; archivedAt: Date | null };

beforeAll(async () => {
  await ensureCountries(prisma, ["KZ", "UZ"]);
  const programme = await createProgramme(prisma, { countries: ["KZ", "UZ"], title: "List indexes" });
  const kinds: ActivityKind[] = ["WORKSHOP", "STUDY_VISIT"];
  const statuses: ActivityStatus[] = ["COMPLETED", "PLANNED"];
  const days = [new Date("2025-04-07"), new Date("2025-04-07"), new Date("2024-11-30"), null, new Date("2026-01-15")];
  let n = 0;
  for (const kind of kinds) {
    for (const status of statuses) {
      for (const country of ["KZ", "UZ", null]) {
        for (const day of days) {
          n++;
          // Titles repeat (every third) so that rows tie on date and title and only the id orders them.
          const a = await createActivity(prisma, {
            programmeId: programme.id,
            kind,
            status,
            countryCode: country,
            title: `Activity ${n % 3}`,
            plannedStart: day,
            actualStart: n % 4 === 0 && day ? new Date(day.getTime() + 86_400_000) : null,
          });
          if (n % 5 === 0) await prisma.activity.update({ where: { id: a.id }, data: { archivedAt: new Date() } });
        }
      }
    }
  }
});

async function everyActivity(): Promise<Row[]> {
  return prisma.activity.findMany({ select: { id: true, title: true, kind: true, status: true, countryCode: true, startsOn: true, archivedAt: true } });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const cmpText = (a: string, b: string) => a.localeCompare(b, "en");

/** The simple form: the list's filter and order, applied here to every activity. */
function simple(all: Row[], f: Record<string, string>, sort: string, dir: "asc" | "desc"): string[] {
  const rows = all.filter(
    (r) =>
      r.archivedAt === null &&
      (!f.kind || r.kind === f.kind) &&
      (!f.status || r.status === f.status) &&
      (!f.country || r.countryCode === f.country),
  );
  const sign = dir === "asc" ? 1 : -1;
  rows.sort((a, b) => {
    if (sort === "title") return sign * cmpText(a.title, b.title) || cmp(a.id, b.id);
    // Undated last whichever way.
    const x = a.startsOn?.getTime() ?? null;
    const y = b.startsOn?.getTime() ?? null;
    if (x !== y) return x === null ? 1 : y === null ? -1 : sign * (x - y);
    return cmpText(a.title, b.title) || cmp(a.id, b.id);
  });
  return rows.map((r) => r.id);
}

const FILTERS: Record<string, string>[] = [{}, { kind: "WORKSHOP", status: "COMPLETED" }, { status: "COMPLETED" }, { country: "KZ" }, { kind: "STUDY_VISIT" }];
const SORTS = [
  ["start", "desc"],
  ["start", "asc"],
  ["title", "asc"],
  ["title", "desc"],
] as const;

describe("the activity list against the simple form", () => {
  for (const f of FILTERS) {
    for (const [sort, dir] of SORTS) {
      it(`${JSON.stringify(f)} sorted by ${sort} ${dir}: every page and the total`, async () => {
        const expected = simple(await everyActivity(), f, sort, dir);
        expect(expected.length).toBeGreaterThan(3);
        const perPage = 4;
        const got: string[] = [];
        for (let page = 1; page <= Math.ceil(expected.length / perPage) + 1; page++) {
          const q = { ...parseListQuery(new URLSearchParams({ ...f, sort, dir }), ACTIVITY_LIST), page, perPage };
          const { rows, total } = await listActivities(staff, q);
          expect(total).toBe(expected.length);
          got.push(...rows.map((r) => r.id));
        }
        expect(got).toEqual(expected);
      });
    }
  }
});

describe("the list's indexes", () => {
  // Statistics and a visibility map for the rows just written, as autovacuum would give them.
  beforeAll(async () => {
    await prisma.$executeRawUnsafe('VACUUM ANALYZE "Activity"');
  });
  const ORDER = Prisma.sql`ORDER BY a."startsOn" DESC NULLS LAST, a.title ASC, a.id ASC`;
  // index: the indexes the planner may rightly choose (kind + status: its own, or status's with kind as a filter).
  const cases: { name: string; index: string | RegExp; where: Prisma.Sql; order: Prisma.Sql; filter: Record<string, string>; sort: readonly [string, "asc" | "desc"] }[] = [
    { name: "no filter, newest first", index: "Activity_list_startsOn_idx", where: Prisma.sql`TRUE`, order: ORDER, filter: {}, sort: ["start", "desc"] },
    {
      name: "kind and status, newest first",
      index: /"Activity_list_(kind_)?status_startsOn_idx"/,
      where: Prisma.sql`a.kind = 'WORKSHOP' AND a.status = 'COMPLETED'`,
      order: ORDER,
      filter: { kind: "WORKSHOP", status: "COMPLETED" },
      sort: ["start", "desc"],
    },
    { name: "status, newest first", index: "Activity_list_status_startsOn_idx", where: Prisma.sql`a.status = 'COMPLETED'`, order: ORDER, filter: { status: "COMPLETED" }, sort: ["start", "desc"] },
    { name: "country, newest first", index: "Activity_list_countryCode_startsOn_idx", where: Prisma.sql`a."countryCode" = 'KZ'`, order: ORDER, filter: { country: "KZ" }, sort: ["start", "desc"] },
    { name: "title, Z to A", index: "Activity_list_title_idx", where: Prisma.sql`TRUE`, order: Prisma.sql`ORDER BY a.title DESC, a.id ASC`, filter: {}, sort: ["title", "desc"] },
  ];
  for (const c of cases) {
    it(`${c.name}: read through ${String(c.index)}, the list's rows`, async () => {
      const sql = Prisma.sql`SELECT a.id FROM "Activity" a WHERE a."archivedAt" IS NULL AND ${c.where} ${c.order} LIMIT 5`;
      const [plan, rows] = await prisma.$transaction(async (tx) => {
        // The test data is small: without this the planner rightly reads the table.
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
        const explained = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
        const ids = await tx.$queryRaw<{ id: string }[]>(sql);
        return [explained.map((l) => l["QUERY PLAN"]).join("\n"), ids.map((r) => r.id)];
      });
      if (typeof c.index === "string") expect(plan).toContain(`"${c.index}"`);
      else expect(plan).toMatch(c.index);
      // A sort of the whole filtered set would mean the index's order does not match the list's.
      expect(plan).not.toMatch(/(^|->\s+)Sort\s+\(cost/m);
      const q = { ...parseListQuery(new URLSearchParams({ ...c.filter, sort: c.sort[0], dir: c.sort[1] }), ACTIVITY_LIST), page: 1, perPage: 5 };
      expect(rows).toEqual((await listActivities(staff, q)).rows.map((r) => r.id));
    });
  }

  it("answer the filtered count from the index alone", async () => {
    const sql = Prisma.sql`SELECT COUNT(*) FROM "Activity" a WHERE a."archivedAt" IS NULL AND a.kind = 'WORKSHOP' AND a.status = 'COMPLETED'`;
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
      return (await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`)).map((l) => l["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/Index Only Scan using "Activity_list_kind_status_startsOn_idx"/);
  });
});
