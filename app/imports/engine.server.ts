import type { Prisma } from "@prisma/client";
import { BUNDLES } from "~/i18n/catalogues.server";
import { LOCALES } from "~/i18n/locales";
import { message, type EnumGroup, type Translator } from "~/i18n/translate";
import { recordAudit } from "~/models/audit.server";
import { checkUploadType, type ReceivedUpload } from "~/models/file-store.server";
import { assertStaff, auditSource, type Ctx } from "~/models/ctx.server";
import { prisma } from "~/utils/db.server";
import { ConflictError, DomainError, notFoundError } from "~/utils/errors.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import {
  cellText,
  fold,
  isClear,
  parseCode,
  parseDate,
  parseDecimal,
  parseInteger,
  parseYesNo,
  splitList,
  type MessageRef,
  type RawCell,
} from "./cells";
import type { AnyImportKind, CellValue, Current, ImportColumn } from "./kind.server";
import { readCsv, readXlsx, type FileRow } from "./read-file.server";
import { codeLabels } from "./columns.server";
import { Refs } from "./refs.server";
import type { Outcome } from "./row-outcomes";
import { requireImportKind } from "./registry.server";

// The spreadsheet import (issue 19, points 1-4; ADR 0042): a file is read row
// by row, each row matched with its record (by id, else by the kind's natural
// key), put into the record's form values and checked by the form's schema,
// and the result stored as a preview (Import, ImportRow). Apply writes the new
// and changed rows through the kinds' model functions in one transaction,
// all or nothing. Memory stays bounded: rows are handled BATCH at a time
// (current records read by id per batch, ImportRows inserted per batch).

const BATCH = 500;
/** How long a preview (and an import's rows) is kept. */
export const IMPORT_TTL_MS = 24 * 60 * 60 * 1000;
/** Rows per page of the preview. */
export const PREVIEW_PAGE = 50;
/** Apply's transaction may take this long (10,000 rows; docs/performance.md). */
const APPLY_TIMEOUT_MS = 5 * 60 * 1000;

export { OUTCOMES, type Outcome } from "./row-outcomes";

type Errors = Record<string, MessageRef>;
type Changes = Record<string, { before: string; after: string }>;
type FileColumn = { header: string; key: string | null };

// ---------------------------------------------------------------------------
// Headers and cells

/** The column a header names: its key, or its label in any language (case-insensitive). */
function headerIndex(kind: AnyImportKind): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of kind.columns) {
    index.set(fold(c.key), c.key);
    for (const locale of LOCALES) {
      const label = (BUNDLES[locale].messages as Record<string, unknown>)[c.label];
      if (typeof label === "string") index.set(fold(label), c.key);
    }
  }
  return index;
}


type Read = { kind: "empty" } | { kind: "clear" } | { kind: "value"; value: CellValue } | { kind: "error"; message: MessageRef };

/** What one cell says for its column. */
export function readCell(col: ImportColumn<unknown>, raw: RawCell, refs: Refs): Read {
  if (isClear(raw)) return col.clearable ? { kind: "clear" } : { kind: "error", message: message("imports.cell.notClearable") };
  const text = cellText(raw);
  if (text === "") return { kind: "empty" };
  const bad = (key: Parameters<typeof message>[0], vars: Record<string, string> = {}): Read => ({ kind: "error", message: message(key, { value: text, ...vars }) });
  const cell = col.cell;
  switch (cell.type) {
    case "id":
    case "text":
      return { kind: "value", value: text };
    case "version":
    case "int": {
      const n = parseInteger(raw);
      return n === null ? bad("imports.cell.notWhole") : { kind: "value", value: n };
    }
    case "decimal": {
      const d = parseDecimal(raw);
      return d === null ? bad("imports.cell.notNumber") : { kind: "value", value: d };
    }
    case "date": {
      const d = parseDate(raw);
      return d === null ? bad("imports.cell.date") : { kind: "value", value: d };
    }
    case "code": {
      const code = parseCode(raw, cell.codes, codeLabels(cell.enumGroup));
      return code === null ? bad("imports.cell.code", { codes: cell.codes.join(", ") }) : { kind: "value", value: code };
    }
    case "ref": {
      const id = cell.ref === "programme" ? refs.programmeId(text) : cell.ref === "organisation" ? refs.organisationId(text) : refs.countryCode(text);
      if (id) return { kind: "value", value: id };
      return bad(cell.ref === "programme" ? "imports.cell.unknownProgramme" : cell.ref === "organisation" ? "imports.cell.unknownOrganisation" : "imports.cell.unknownCountry");
    }
    case "refs": {
      const ids: string[] = [];
      for (const name of splitList(raw)) {
        const id = refs.organisationId(name);
        if (!id) return { kind: "error", message: message("imports.cell.unknownOrganisation", { value: name }) };
        if (!ids.includes(id)) ids.push(id);
      }
      return { kind: "value", value: ids };
    }
    case "yesno": {
      const b = parseYesNo(raw);
      return b === null ? bad("imports.cell.yesNo") : { kind: "value", value: b };
    }
    case "custom": {
      const parsed = col.parse?.(raw, refs);
      if (!parsed) return { kind: "value", value: text };
      return "error" in parsed ? { kind: "error", message: parsed.error } : { kind: "value", value: parsed.value };
    }
  }
}

// ---------------------------------------------------------------------------
// Preview

type Parsed = {
  line: number;
  id: string | null;
  version: number | null;
  /** Cells given (null: cleared), by column key. */
  cells: Map<string, CellValue | null>;
  errors: Errors;
};

function parseRow(kind: AnyImportKind, columns: (ImportColumn<unknown> | null)[], row: FileRow, refs: Refs): Parsed {
  const parsed: Parsed = { line: row.line, id: null, version: null, cells: new Map(), errors: {} };
  columns.forEach((col, i) => {
    if (!col) return;
    const read = readCell(col, row.cells[i], refs);
    if (read.kind === "error") parsed.errors[col.key] = read.message;
    else if (read.kind === "empty") return;
    else if (col.cell.type === "id") parsed.id = read.kind === "value" ? String(read.value) : null;
    else if (col.cell.type === "version") parsed.version = read.kind === "value" ? Number(read.value) : null;
    else parsed.cells.set(col.key, read.kind === "clear" ? null : read.value);
  });
  Object.assign(parsed.errors, kind.rowCheck?.(parsed.cells, refs) ?? {});
  return parsed;
}

function formWith(kind: AnyImportKind, base: Record<string, unknown>, cells: Map<string, CellValue | null>, refs: Refs): Record<string, unknown> {
  const form = structuredClone(base);
  for (const col of kind.columns) if (cells.has(col.key)) col.put(form, cells.get(col.key) ?? null, refs);
  return form;
}

/** Zod's refusals by field path, moved to the file's cells (or the whole row when the file has no such column). */
function errorsByColumn(kind: AnyImportKind, present: Set<string>, fieldErrors: Record<string, string>): Errors {
  const out: Errors = {};
  for (const [path, msg] of Object.entries(fieldErrors)) {
    const field = path.split(".")[0];
    const col = kind.columns.find((c) => present.has(c.key) && c.fields.includes(field));
    const key = col?.key ?? "_row";
    out[key] ??= msg;
  }
  return out;
}

type PreviewRow = Prisma.ImportRowCreateManyInput;

async function judgeBatch(
  ctx: Ctx,
  kind: AnyImportKind,
  importId: string,
  present: Set<string>,
  batch: Parsed[],
  refs: Refs,
  seen: Set<string>,
): Promise<PreviewRow[]> {
  const ids = [...new Set(batch.flatMap((r) => (r.id ? [r.id] : [])))];
  const current: Map<string, Current<Record<string, unknown>>> = ids.length ? await kind.readCurrent(ctx.scope, ids) : new Map();
  // Rows without an id: their natural key, from the cells put on a new record.
  const keyed = batch.filter((r) => !r.id).map((r) => ({ r, form: formWith(kind, kind.blankForm(), r.cells, refs) }));
  const byKey = keyed.length ? await kind.findByNaturalKeys(ctx.scope, keyed.map((k) => k.form)) : new Map<string, string>();
  const keyIds = [...new Set([...byKey.values()].filter((id) => !current.has(id)))];
  if (keyIds.length) for (const [id, c] of await kind.readCurrent(ctx.scope, keyIds)) current.set(id, c);
  const keyOf = new Map(keyed.map((k) => [k.r, kind.naturalKey(k.form)]));

  return batch.map((r): PreviewRow => {
    const errors: Errors = { ...r.errors };
    let record: Current<Record<string, unknown>> | undefined;
    if (r.id) {
      record = current.get(r.id);
      if (!record) errors.id ??= message("imports.row.unknownId", { value: r.id });
    } else {
      const key = keyOf.get(r) ?? null;
      const id = key ? byKey.get(key) : undefined;
      record = id ? current.get(id) : undefined;
      if (key && !record) {
        // A new record: two rows of one file must not both create it.
        if (seen.has(`key:${key}`)) errors._row ??= message("imports.row.duplicate");
        seen.add(`key:${key}`);
      }
    }
    if (record) {
      if (seen.has(`id:${record.id}`)) errors._row ??= message("imports.row.duplicate");
      seen.add(`id:${record.id}`);
    }
    const form = formWith(kind, record ? record.form : kind.blankForm(), r.cells, refs);
    if (record) form.version = String(record.version);
    const changes: Changes = {};
    for (const col of kind.columns) {
      if (!present.has(col.key) || col.cell.type === "id" || col.cell.type === "version") continue;
      const before = record ? col.show(record.form, refs) : "";
      const after = col.show(form, refs);
      if (before !== after) changes[col.key] = { before, after };
    }
    const label = kind.label ? kind.label(form, refs) : String(form.title ?? form.name ?? form.shortName ?? record?.label ?? "");
    const changesSomething = !record || Object.keys(changes).length > 0;
    // An older version is a conflict only when the row would change the
    // record: the same file uploaded after it was applied is then unchanged.
    if (record && r.version !== null && r.version < record.version && changesSomething) {
      errors.version ??= message("imports.row.conflict", { version: String(r.version), current: String(record.version) });
    }
    if (changesSomething) {
      // The record's own rules (the form's schema) are checked too when some
      // cells were refused, so a row shows every error at once, as a form
      // does. Then only for the other cells the row fills: a refused cell
      // left its field as it was, and what the rules say of that field, of a
      // field taken from it (an empty value date from a refused transaction
      // date) or of the row as a whole would follow from the refusal shown.
      const parsed = kind.schema.safeParse(form);
      if (!parsed.success) {
        const ruled = errorsByColumn(kind, present, zodErrorsToFieldErrors(parsed.error));
        const clean = Object.keys(errors).length === 0;
        for (const [key, msg] of Object.entries(ruled)) if (clean || (key !== "_row" && !(key in errors) && r.cells.has(key))) errors[key] = msg;
      }
    }
    const refused = Object.keys(errors).length > 0;
    const outcome: Outcome = refused ? "REFUSED" : !record ? "NEW" : changesSomething ? "CHANGED" : "UNCHANGED";
    return {
      importId,
      line: r.line,
      outcome,
      recordId: record?.id ?? null,
      recordVersion: record?.version ?? null,
      label: label.slice(0, 300),
      values: outcome === "NEW" || outcome === "CHANGED" ? (form as Prisma.InputJsonObject) : undefined,
      changes: Object.keys(changes).length ? (changes as Prisma.InputJsonObject) : undefined,
      errors: refused ? (errors as Prisma.InputJsonObject) : undefined,
    };
  });
}

export type UploadedFile = { tempPath: string; originalName: string; ext: "csv" | "xlsx" };

/**
 * The document store's checks on an uploaded spreadsheet (type by content,
 * the name agreeing with it, zip bombs and nested archives, UTF-8 text), then
 * only XLSX and CSV: the file to read, or why it is refused (a message reference).
 */
export async function checkImportFile(upload: ReceivedUpload): Promise<{ ok: true; file: UploadedFile } | { ok: false; message: string }> {
  const type = await checkUploadType(upload);
  if (!type.ok) return type;
  if (type.ext !== "xlsx" && type.ext !== "csv") return { ok: false, message: message("imports.form.notSpreadsheet") };
  return { ok: true, file: { tempPath: upload.tempPath, originalName: upload.originalName, ext: type.ext } };
}

/**
 * Reads the file and stores its preview; nothing is written to the records.
 * Refuses (DomainError on "file") a file with no column the kind knows, too
 * many rows or a cell too long. Returns the import's id.
 */
export async function previewImport(ctx: Ctx, kindName: string, file: UploadedFile): Promise<string> {
  assertStaff(ctx);
  const kind = requireImportKind(kindName);
  const refs = await Refs.load();
  const rows = file.ext === "csv" ? readCsv(file.tempPath) : readXlsx(file.tempPath);
  const index = headerIndex(kind);
  let fileColumns: FileColumn[] | null = null;
  let columns: (ImportColumn<unknown> | null)[] = [];
  let present = new Set<string>();
  const created = await prisma.import.create({
    data: { userId: ctx.actor.id, kind: kind.name, fileName: file.originalName.slice(0, 200), expiresAt: new Date(Date.now() + IMPORT_TTL_MS) },
    select: { id: true },
  });
  const counts: Record<Outcome, number> = { NEW: 0, CHANGED: 0, UNCHANGED: 0, REFUSED: 0 };
  const seen = new Set<string>();
  let batch: Parsed[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const judged = await judgeBatch(ctx, kind, created.id, present, batch, refs, seen);
    await prisma.importRow.createMany({ data: judged });
    for (const j of judged) counts[j.outcome as Outcome]++;
    batch = [];
  };
  try {
    for await (const row of rows) {
      if (!fileColumns) {
        const taken = new Set<string>();
        fileColumns = row.cells.map((c) => {
          const header = cellText(c);
          const key = index.get(fold(header)) ?? null;
          if (!key || taken.has(key)) return { header, key: null };
          taken.add(key);
          return { header, key };
        });
        columns = fileColumns.map((c) => (c.key ? (kind.columns.find((k) => k.key === c.key) ?? null) : null));
        present = new Set(fileColumns.flatMap((c) => (c.key ? [c.key] : [])));
        if (![...present].some((k) => k !== "id" && k !== "version")) {
          throw new DomainError("invalid", message("imports.file.noColumns"), { field: "file" });
        }
        continue;
      }
      batch.push(parseRow(kind, columns, row, refs));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (!fileColumns) throw new DomainError("invalid", message("imports.file.empty"), { field: "file" });
  } catch (error) {
    await prisma.import.delete({ where: { id: created.id } });
    throw error;
  }
  await prisma.import.update({
    where: { id: created.id },
    data: {
      columns: fileColumns as Prisma.InputJsonArray,
      newRows: counts.NEW,
      changedRows: counts.CHANGED,
      unchangedRows: counts.UNCHANGED,
      refusedRows: counts.REFUSED,
    },
  });
  return created.id;
}

// ---------------------------------------------------------------------------
// Reading, applying, discarding

async function ownImport(ctx: Ctx, id: string) {
  assertStaff(ctx);
  const found = await prisma.import.findFirst({ where: { id, userId: ctx.actor.id } });
  if (!found) throw notFoundError("Import not found");
  return found;
}

export type ImportSummary = Awaited<ReturnType<typeof ownImport>> & { expired: boolean };

/**
 * The preview's texts in a reader's language: a coded cell's before and after
 * as the code's label (the catalogues the code cells are read with), a custom
 * cell through its column's display, and a coded value that is a part of a
 * row's label ("KOICA-KR · DISBURSEMENT · 2026-03-01") as its label too. What
 * is stored, downloaded and written stays the code (the round trip).
 */
export function readerTexts(kind: AnyImportKind, t: Translator) {
  const groups = new Map(kind.columns.flatMap((c) => (c.cell.type === "code" ? [[c.key, c.cell.enumGroup as EnumGroup] as const] : [])));
  const displays = new Map(kind.columns.flatMap((c) => (c.display ? [[c.key, c.display] as const] : [])));
  const cell = (key: string, text: string): string => {
    const group = groups.get(key);
    if (group) return t.label(group, text);
    const display = displays.get(key);
    return display && text ? display(text, t) : text;
  };
  const codeLabel = (part: string) => {
    for (const group of groups.values()) {
      const label = t.label(group, part);
      if (label !== part) return label;
    }
    return part;
  };
  return {
    changes: (changes: Changes): Changes =>
      Object.fromEntries(Object.entries(changes).map(([key, c]) => [key, { before: cell(key, c.before), after: cell(key, c.after) }])),
    label: (label: string) => (groups.size ? label.split(" · ").map(codeLabel).join(" · ") : label),
  };
}

/**
 * The import's summary and one page of its rows (of one outcome, or all);
 * only its own user sees it. With `t`, the rows' changes and labels are in
 * that reader's language (readerTexts).
 */
export async function getImportPreview(ctx: Ctx, id: string, opts: { outcome?: Outcome | null; page?: number; t?: Translator } = {}) {
  const found = await ownImport(ctx, id);
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const where: Prisma.ImportRowWhereInput = { importId: id, ...(opts.outcome ? { outcome: opts.outcome } : {}) };
  const rows = await prisma.importRow.findMany({
    where,
    orderBy: { line: "asc" },
    skip: (page - 1) * PREVIEW_PAGE,
    take: PREVIEW_PAGE,
    select: { id: true, line: true, outcome: true, recordId: true, label: true, changes: true, errors: true },
  });
  const total = await prisma.importRow.count({ where });
  const kind = requireImportKind(found.kind);
  const texts = opts.t ? readerTexts(kind, opts.t) : null;
  return {
    import: { ...found, expired: found.status === "PREVIEW" && found.expiresAt.getTime() < Date.now() },
    kind: { name: kind.name, title: kind.title, columns: kind.columns.map((c) => ({ key: c.key, label: c.label })) },
    rows: rows.map((r) => {
      const changes = (r.changes ?? {}) as Changes;
      return { ...r, label: texts ? texts.label(r.label) : r.label, changes: texts ? texts.changes(changes) : changes, errors: (r.errors ?? {}) as Errors };
    }),
    page,
    total,
    perPage: PREVIEW_PAGE,
  };
}

/** The user's recent imports, newest first. */
export async function listImports(ctx: Ctx, take = 20) {
  assertStaff(ctx);
  return prisma.import.findMany({ where: { userId: ctx.actor.id }, orderBy: { createdAt: "desc" }, take });
}

/**
 * Writes the preview's new and changed rows in one transaction: each through
 * its kind's model function (the form's rules, the record's audit entry
 * naming the import), plus one "import" audit event. A refusal of any row
 * (a version that moved on since the preview, a reference gone) rolls all of
 * it back; the import is then FAILED with the reason, and nothing is written.
 * A preview with refused rows is not applied at all (the file is fixed and
 * uploaded again), so what is applied is exactly what the preview showed.
 */
export async function applyImport(ctx: Ctx, id: string): Promise<{ ok: true; written: number } | { ok: false; message: string }> {
  const found = await ownImport(ctx, id);
  if (found.status !== "PREVIEW") throw new DomainError("invalid", message("imports.apply.notPreview"));
  if (found.expiresAt.getTime() < Date.now()) throw new DomainError("invalid", message("imports.apply.expired"));
  if (found.refusedRows > 0) throw new DomainError("invalid", message("imports.apply.refusedRows", { count: found.refusedRows }));
  const kind = requireImportKind(found.kind);
  const importCtx: Ctx = { ...ctx, importId: id };
  try {
    const written = await prisma.$transaction(
      async (tx) => {
        // Claim the preview: a second apply of it (another tab, another process) finds nothing to claim.
        const claimed = await tx.import.updateMany({ where: { id, status: "PREVIEW" }, data: { status: "APPLIED", appliedAt: new Date() } });
        if (claimed.count === 0) throw new DomainError("invalid", message("imports.apply.notPreview"));
        let written = 0;
        let afterLine = -1;
        for (;;) {
          const rows = await tx.importRow.findMany({
            where: { importId: id, outcome: { in: ["NEW", "CHANGED"] }, line: { gt: afterLine } },
            orderBy: { line: "asc" },
            take: BATCH,
            select: { line: true, outcome: true, recordId: true, recordVersion: true, values: true },
          });
          const parsed = rows.map((row) => {
            const result = kind.schema.safeParse(row.values);
            if (!result.success) throw new DomainError("invalid", message("imports.apply.rowInvalid", { line: String(row.line) }));
            return { row, data: result.data as unknown };
          });
          const created = parsed.filter((p) => p.row.outcome === "NEW");
          const updated = parsed.filter((p) => p.row.outcome !== "NEW");
          await writeRows(created, kind.createBatch && ((items) => kind.createBatch!(tx, importCtx, items.map((p) => p.data))), (p) => kind.create(tx, importCtx, p.data));
          await writeRows(
            updated,
            kind.updateBatch && ((items) => kind.updateBatch!(tx, importCtx, items.map((p) => ({ id: p.row.recordId!, version: p.row.recordVersion!, data: p.data })))),
            (p) => kind.update(tx, importCtx, p.row.recordId!, p.row.recordVersion!, p.data),
          );
          written += parsed.length;
          if (rows.length < BATCH) break;
          afterLine = rows[rows.length - 1].line;
        }
        await recordAudit(
          {
            ...auditSource(importCtx),
            action: "import",
            entityType: kind.entityType,
            metadata: {
              importId: id,
              fileName: found.fileName,
              kind: kind.name,
              new: found.newRows,
              changed: found.changedRows,
              unchanged: found.unchangedRows,
            },
          },
          tx,
        );
        return written;
      },
      { timeout: APPLY_TIMEOUT_MS, maxWait: 15_000 },
    );
    return { ok: true, written };
  } catch (error) {
    const reason = failureMessage(error);
    if (!reason) throw error instanceof RowFailed ? error.cause : error;
    await prisma.import.update({ where: { id }, data: { status: "FAILED", failure: reason } });
    return { ok: false, message: reason };
  }
}

type Pending = { row: { line: number }; data: unknown };

/** Writes the rows in one batch call when the kind has one, else one by one; a refusal names its row (RowFailed). */
async function writeRows<P extends Pending>(items: P[], batch: ((items: P[]) => Promise<unknown>) | undefined, one: (item: P) => Promise<unknown>) {
  if (!items.length) return;
  if (batch) {
    try {
      await batch(items);
    } catch (error) {
      const index = error instanceof DomainError && typeof error.details.index === "number" ? error.details.index : 0;
      throw new RowFailed((items[index] ?? items[0]).row.line, error);
    }
    return;
  }
  for (const item of items) {
    try {
      await one(item);
    } catch (error) {
      throw new RowFailed(item.row.line, error);
    }
  }
}

class RowFailed extends Error {
  constructor(
    readonly line: number,
    readonly cause: unknown,
  ) {
    super(`row ${line}`);
  }
}

/** Why apply was refused, as a message reference; null for an unexpected error (rethrown). */
function failureMessage(error: unknown): string | null {
  if (error instanceof RowFailed) {
    const cause = error.cause;
    if (cause instanceof ConflictError) return message("imports.apply.conflict", { line: String(error.line) });
    if (cause instanceof DomainError) return message("imports.apply.rowRefused", { line: String(error.line), reason: cause.message });
    return null;
  }
  if (error instanceof DomainError) return error.message;
  return null;
}

/** Drops a preview the user does not want (its rows go with it). */
export async function discardImport(ctx: Ctx, id: string): Promise<void> {
  const found = await ownImport(ctx, id);
  if (found.status !== "PREVIEW") return;
  await prisma.$transaction([
    prisma.importRow.deleteMany({ where: { importId: id } }),
    prisma.import.update({ where: { id }, data: { status: "DISCARDED" } }),
  ]);
}

/**
 * Expired previews and the rows of old imports go (the summaries of applied
 * ones stay, for the user's list). Returns how many imports were swept.
 */
export async function sweepImports(now = new Date()): Promise<number> {
  const expired = await prisma.import.findMany({ where: { expiresAt: { lt: now } }, select: { id: true, status: true }, take: 1000 });
  if (!expired.length) return 0;
  const ids = expired.map((e) => e.id);
  await prisma.importRow.deleteMany({ where: { importId: { in: ids } } });
  await prisma.import.deleteMany({ where: { id: { in: expired.filter((e) => e.status === "PREVIEW" || e.status === "DISCARDED").map((e) => e.id) } } });
  // What stays (an applied or failed import's summary) is not swept again.
  await prisma.import.updateMany({ where: { id: { in: ids } }, data: { expiresAt: new Date("9999-12-31T00:00:00Z") } });
  return expired.length;
}
