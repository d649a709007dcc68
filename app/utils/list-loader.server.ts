import { redirect } from "@remix-run/node";
import { requireStaff } from "~/auth/auth.server";
import type { Scope } from "~/auth/scope.server";
import { csvResponse, datedFilename, toCsv } from "~/reports/csv.server";
import { tableWorkbookStream, xlsxResponse } from "~/reports/xlsx.server";
import { parseListQuery, type Column, type ListQuery, type ListSpec } from "~/utils/list-query";

/**
 * The loader of a staff record list: authorises, reads the list's state from
 * the URL, and either answers `?format=csv` or `?format=xlsx` with every
 * filtered row as a file of exactly the table's columns, or returns one page
 * of rows for the table.
 * `extra` loads what the page needs besides the rows (filter options), in
 * parallel with the page of rows.
 */
export async function staffListLoader<F extends string, R, Result extends { rows: R[]; total: number }, Extra>(
  { request, context }: { request: Request; context: { dataRequest?: boolean } },
  spec: ListSpec<F>,
  list: (scope: Scope, query: ListQuery<F>, all: boolean) => Promise<Result>,
  file: { columns: Column<R>[]; filename: string; sheet?: string },
  extra: (scope: Scope) => Promise<Extra>,
): Promise<{ file: Response } | { page: Result; query: ListQuery<F>; extra: Extra }> {
  const { scope } = await requireStaff(request);
  const url = new URL(request.url);
  const query = parseListQuery(url.searchParams, spec);
  const format = url.searchParams.get("format");
  if (format === "csv" || format === "xlsx") {
    // Only a Remix data request (?_data=<route id>) passes a loader's file
    // through unchanged; a typed or bookmarked ?format=csv is sent there.
    // (Remix strips _data from request.url, hence the flag from the server.)
    if (!context.dataRequest) {
      url.searchParams.set("_data", `routes/${url.pathname.replace(/^\/+|\/+$/g, "").replaceAll("/", ".")}._index`);
      throw redirect(url.pathname + url.search);
    }
    const { rows } = await list(scope, query, true);
    if (format === "xlsx") {
      const sheet = file.sheet ?? file.filename.replace(/^concord-/, "").replace(/^./, (c) => c.toUpperCase());
      return { file: xlsxResponse(tableWorkbookStream(sheet, file.columns, rows), datedFilename(file.filename, "xlsx")) };
    }
    return { file: csvResponse(toCsv(file.columns, rows), datedFilename(file.filename, "csv")) };
  }
  const [page, more] = await Promise.all([list(scope, query, false), extra(scope)]);
  return { page, query, extra: more };
}
