import type { Translator } from "~/i18n/translate";
import type { Column } from "~/utils/list-query";
import { toCsv } from "./csv.server";
import { isoDay, type ProgrammeReport, type ReportActivity } from "./programme-report.server";
import { reportActivityColumns } from "./xlsx.server";

// The programme report's activities (the workbook's Activities sheet, same
// columns) as CSV: the download for readers who work in plain tables. Built
// from the same scoped report as the PDF and the workbook, so every role gets
// exactly the rows it may see.

export function programmeActivitiesCsv(report: ProgrammeReport, t: Translator): string {
  const columns: Column<ReportActivity>[] = reportActivityColumns(t).map((c, i) => ({
    key: `c${i}`,
    header: c.header,
    text: (row) => {
      const v = c.value(row);
      return v === null || v === undefined ? "" : v instanceof Date ? isoDay(v) : String(v);
    },
  }));
  return toCsv(columns, report.activities);
}
