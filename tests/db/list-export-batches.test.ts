import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { activityColumns, type ActivityListRow } from "~/components/activities/activity-columns";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createFormatter } from "~/i18n/format";
import { ACTIVITY_LIST, listActivities, type ActivityFilter } from "~/models/activity.server";
import { toCsv } from "~/reports/csv.server";
import { prisma } from "~/utils/db.server";
import { EXPORT_BATCH_SIZE, listBatches, listFileResponse, type ListFunction } from "~/utils/list-loader.server";
import { parseListQuery, type ListQuery } from "~/utils/list-query";
import { createActivity } from "../factories/activity";
import { createProgramme, ensureCountries } from "../factories";

// The list exports (?format=csv|xlsx) read the filtered rows a batch at a
// time through the list's own paginated query and stream each batch out
// before reading the next (app/utils/list-loader.server.ts). With a batch of
// 3, an export of one programme's 11 activities spans 4 batches: every row
// must come out exactly once, in the list's order, even where rows tie on
// the sort key (the ORDER BY's id tie-breaker makes offset pages exact), and
// a batch that fails must fail the download rather than end it early.

const staff: Scope = { kind: "staff" };
const BATCH = 3;
const TIED_TITLE = "Tied workshop on triage";
let programme: { id: string; code: string };

beforeAll(async () => {
  await ensureCountries(prisma, ["KZ"]);
  programme = await createProgramme(prisma, { countries: ["KZ"], title: "Export batches" });
  const sameDay = new Date("2025-04-07");
  // 7 rows that tie on the default sort (start date, then title) and on the
  // title sort; only their participant counts (a CSV column) tell them apart.
  for (let i = 1; i <= 7; i++) {
    await createActivity(prisma, { programmeId: programme.id, title: TIED_TITLE, plannedStart: sameDay, participants: { total: 10 + i } });
  }
  await createActivity(prisma, { programmeId: programme.id, title: "Alpha study visit", plannedStart: new Date("2025-06-01"), participants: { total: 1 } });
  await createActivity(prisma, { programmeId: programme.id, title: "Zeta seminar", plannedStart: new Date("2025-01-15"), participants: { total: 2 } });
  await createActivity(prisma, { programmeId: programme.id, title: "Undated round table", plannedStart: null, participants: { total: 3 } });
  await createActivity(prisma, { programmeId: programme.id, title: "=HYPERLINK(\"x\")", plannedStart: sameDay, participants: { total: 4 } });
});

function query(params: Record<string, string>): ListQuery<ActivityFilter> {
  return parseListQuery(new URLSearchParams({ programme: programme.id, ...params }), ACTIVITY_LIST);
}

/** The list function, counting the batches it is asked for. */
function counted(): { list: ListFunction<ActivityFilter, ActivityListRow>; calls: () => number } {
  let calls = 0;
  return {
    list: (scope, q, all) => {
      calls++;
      return listActivities(scope, q, all);
    },
    calls: () => calls,
  };
}

/** Every matching row in one query (no offset pages): the order the export must keep. */
async function allRows(q: ListQuery<ActivityFilter>): Promise<ActivityListRow[]> {
  return (await listActivities(staff, q, true)).rows;
}

// The columns as an English reader gets them (the list's loader builds them in the reader's language).
const en = serverTranslator("en");
const ACTIVITY_COLUMNS = activityColumns(en, createFormatter(en));
const file = { columns: ACTIVITY_COLUMNS, filename: "concord-activities" };

describe("list exports read in batches", () => {
  it("reads 5,000 rows at a time unless told otherwise", () => {
    expect(EXPORT_BATCH_SIZE).toBe(5000);
  });

  const orders: Record<string, string>[] = [{}, { sort: "title", dir: "asc" }, { sort: "title", dir: "desc" }];
  for (const params of orders) {
    const label = JSON.stringify(params);

    it(`CSV ${label}: every row once, in the list's order, over several batches`, async () => {
      const q = query(params);
      const expected = await allRows(q);
      expect(expected).toHaveLength(11);
      const { list, calls } = counted();
      const response = listFileResponse("csv", listBatches(list, staff, q, BATCH), file);
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      const body = Buffer.from(await response.arrayBuffer());
      // 11 rows in batches of 3: 3 + 3 + 3 + 2 (short: the last).
      expect(calls()).toBe(4);
      // Byte for byte the CSV of the rows read at once (BOM, CRLF, neutralised cells).
      expect(body.toString("utf8")).toBe(toCsv(ACTIVITY_COLUMNS, expected));
      const counts = body
        .toString("utf8")
        .split("\r\n")
        .filter((line) => line.startsWith(`${TIED_TITLE},`))
        .map((line) => line.split(",")[6]);
      expect(new Set(counts).size).toBe(7);
    });

    it(`XLSX ${label}: every row once, in the list's order, over several batches`, async () => {
      const q = query(params);
      const expected = await allRows(q);
      const { list, calls } = counted();
      const response = listFileResponse("xlsx", listBatches(list, staff, q, BATCH), file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await response.arrayBuffer()) as ExcelJS.Buffer);
      expect(calls()).toBe(4);
      const ws = wb.worksheets[0]!;
      expect(ws.name).toBe("Activities");
      const cells = (n: number) => ACTIVITY_COLUMNS.map((_, i) => text(ws.getRow(n).getCell(i + 1).value));
      expect(cells(1)).toEqual(ACTIVITY_COLUMNS.map((c) => c.header));
      expect(ws.rowCount).toBe(expected.length + 1);
      expected.forEach((row, i) => {
        expect(cells(i + 2), `row ${i + 2}`).toEqual(ACTIVITY_COLUMNS.map((c) => neutralised(c.text(row))));
      });
      // The filter covers every row, though the count is only known at the end.
      expect(ws.autoFilter).toBe(`A1:J${expected.length + 1}`);
    });
  }

  it("reads one more (empty) batch when the rows fill the last one exactly", async () => {
    const q = query({ q: TIED_TITLE, sort: "title" });
    const expected = await allRows(q);
    expect(expected).toHaveLength(7);
    const { list, calls } = counted();
    const seen: number[] = [];
    for await (const batch of listBatches(list, staff, q, 7)) seen.push(batch.length);
    expect(seen).toEqual([7]);
    expect(calls()).toBe(2);
  });

  for (const format of ["csv", "xlsx"] as const) {
    it(`${format}: a batch that fails fails the download instead of ending it short`, async () => {
      const q = query({});
      let calls = 0;
      const failing: ListFunction<ActivityFilter, ActivityListRow> = async (scope, page, all) => {
        if (++calls === 2) throw new Error("connection lost in batch 2");
        return listActivities(scope, page, all);
      };
      const response = listFileResponse(format, listBatches(failing, staff, q, BATCH), file);
      await expect(response.arrayBuffer()).rejects.toThrow("connection lost in batch 2");
      expect(calls).toBe(2);
    });
  }
});

function text(value: ExcelJS.CellValue): string {
  return value === null || value === undefined ? "" : String(value);
}

/** What the workbook holds for a table cell (formula-like text is prefixed, as in the CSV). */
function neutralised(value: string): string {
  return /^-?\d+(\.\d+)?$/.test(value) || !/^[=+\-@\t\r]/.test(value) ? value : `'${value}`;
}
