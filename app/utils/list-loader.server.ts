import { createReadableStreamFromReadable, redirect } from "@remix-run/node";
import { requireStaff } from "~/auth/auth.server";
import type { Scope } from "~/auth/scope.server";
import { createFormatter, type Formatter } from "~/i18n/format";
import { requestTranslator } from "~/i18n/request.server";
import type { Translator } from "~/i18n/translate";
import { csvResponse, csvStream, datedFilename } from "~/reports/csv.server";
import { tableWorkbookStream, xlsxResponse } from "~/reports/xlsx.server";
import { parseListQuery, type Column, type ListQuery, type ListSpec } from "~/utils/list-query";
import { safeRedirectPath } from "~/utils/safe-redirect";

/** A staff list's model function: one page of rows (or every row, `all`) and the total. */
export type ListFunction<F extends string, R> = (scope: Scope, query: ListQuery<F>, all: boolean) => Promise<{ rows: R[]; total: number }>;

/** A list's download: its columns (headings and cells as the table shows them), file name and sheet name. */
export type ListFile<R> = { columns: Column<R>[]; filename: string; sheet?: string };

/** How many rows an export reads at a time: a few MB of rows, a handful of queries for 20,000. */
export const EXPORT_BATCH_SIZE = 5000;

/**
 * The loader of a staff record list: authorises, reads the list's state from
 * the URL, and either answers `?format=csv` or `?format=xlsx` with every
 * filtered row as a file of exactly the table's columns, or returns one page
 * of rows for the table.
 * `extra` loads what the page needs besides the rows (filter options), in
 * parallel with the page of rows.
 * `file` may be a function of the reader's translator and formatter (e.g.
 * `(t, fmt) => ({ columns: activityColumns(t, fmt), filename: "concord-activities", sheet: t("…") })`):
 * it is called only for a download, with the request's language.
 */
export async function staffListLoader<F extends string, R, Result extends { rows: R[]; total: number }, Extra>(
  { request, context }: { request: Request; context: { dataRequest?: boolean } },
  spec: ListSpec<F>,
  list: (scope: Scope, query: ListQuery<F>, all: boolean) => Promise<Result>,
  file: ListFile<R> | ((t: Translator, fmt: Formatter) => ListFile<R>),
  extra: (scope: Scope) => Promise<Extra>,
  options: { batchSize?: number } = {},
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
      throw redirect(safeRedirectPath(url.pathname + url.search));
    }
    let spec: ListFile<R>;
    if (typeof file === "function") {
      const t = await requestTranslator(request);
      spec = file(t, createFormatter(t));
    } else spec = file;
    return { file: listFileResponse(format, listBatches(list, scope, query, options.batchSize), spec) };
  }
  const [page, more] = await Promise.all([list(scope, query, false), extra(scope)]);
  // A page past the last one (a bookmark, a shared link, rows archived since):
  // the last page, at its own address, rather than an empty table that reads
  // as if there were no records at all.
  const last = Math.max(1, Math.ceil(page.total / query.perPage));
  if (query.page > last) {
    url.searchParams.set("page", String(last));
    throw redirect(safeRedirectPath(url.pathname + url.search));
  }
  return { page, query, extra: more };
}

/**
 * Every row of a filtered list, in the list's order, a batch at a time: the
 * list's own paginated query, page after page, until a page comes back short.
 * Offset pages are only exact because every list's ORDER BY ends with a
 * unique column (the id), so rows that tie on the sort key keep one order.
 * A batch is read only when the previous one has been taken (the export
 * writers wait for their reader), so at most one batch of rows is held.
 */
export async function* listBatches<F extends string, R>(
  list: ListFunction<F, R>,
  scope: Scope,
  query: ListQuery<F>,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<R[], void, undefined> {
  for (let page = 1; ; page++) {
    // (The list also counts its rows each time: one cheap aggregate per batch.)
    const { rows } = await list(scope, { ...query, page, perPage: batchSize }, false);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

/** A list's rows, read in batches, as a streamed CSV or one-sheet XLSX download. */
export function listFileResponse<R>(
  format: "csv" | "xlsx",
  batches: AsyncIterable<R[]>,
  file: ListFile<R>,
): Response {
  if (format === "xlsx") {
    const sheet = file.sheet ?? file.filename.replace(/^concord-/, "").replace(/^./, (c) => c.toUpperCase());
    return xlsxResponse(tableWorkbookStream(sheet, file.columns, batches), datedFilename(file.filename, "xlsx"));
  }
  return csvResponse(createReadableStreamFromReadable(csvStream(file.columns, batches)), datedFilename(file.filename, "csv"));
}
