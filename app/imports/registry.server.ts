import { notFoundError } from "~/utils/errors.server";
import { activitiesKind } from "./activities.server";
import { agreementsKind } from "./agreements.server";
import { fundingKind } from "./funding.server";
import { deliverablesKind } from "./deliverables.server";
import { indicatorPeriodsKind } from "./indicator-periods.server";
import { outcomesKind } from "./outcomes.server";
import type { AnyImportKind } from "./kind.server";
import { organisationsKind } from "./organisations.server";

// Every kind of record the spreadsheet import knows (ADR 0042). A new kind is
// a file of its own (app/imports/<kind>.server.ts exporting an ImportKind) and
// one line here; the routes, the download, the preview and apply need nothing
// else. Keep the order: it is the order the import page offers them in.
export const IMPORT_KINDS: AnyImportKind[] = [activitiesKind, organisationsKind, deliverablesKind, outcomesKind, indicatorPeriodsKind, fundingKind, agreementsKind];

export function importKind(name: string | null | undefined): AnyImportKind | undefined {
  return IMPORT_KINDS.find((k) => k.name === name);
}

/** The kind by name; an unknown one is "not found" (404). */
export function requireImportKind(name: string | null | undefined): AnyImportKind {
  const kind = importKind(name);
  if (!kind) throw notFoundError("Unknown kind of import");
  return kind;
}
