import type { Scope } from "~/auth/scope.server";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { parseAsForm, requireApiVersion } from "~/utils/api-input.server";
import { ConflictError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import type { Ctx } from "./ctx.server";
import {
  createProgramme,
  getProgrammeRecord,
  listProgrammeRows,
  PROGRAMME_LIST,
  programmeFormDefaults,
  requireProgrammeRecord,
  setProgrammeArchived,
  updateProgramme,
  type ProgrammeRecord,
  type ProgrammeRow,
} from "./programme-admin.server";

// Programmes through the JSON API (/api/v1/programmes, issue 19, point 5).
// Another door to the same rules: the list is the programmes page's query
// (same filters, sorting, pages, scope), writes are the programme form's
// schema and model functions, so a refusal reads exactly as on the form.
//
// A programme is represented as the programme form's values (what the edit
// form holds) plus its id, version and archived flag: what GET returns is
// what PATCH and POST accept.

export type ProgrammeResource = Omit<ReturnType<typeof programmeFormDefaults>, "version"> & {
  id: string;
  version: number;
  archived: boolean;
  updatedAt: string;
};

export function programmeResource(p: ProgrammeRecord): ProgrammeResource {
  return { ...programmeFormDefaults(p), id: p.id, version: p.version, archived: p.archivedAt !== null, updatedAt: p.updatedAt.toISOString() };
}

export type ProgrammeListItem = {
  id: string;
  code: string;
  title: string;
  status: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  countries: string[];
  organisations: { organisationId: string; role: string }[];
  archived: boolean;
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function listItem(r: ProgrammeRow): ProgrammeListItem {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status,
    plannedStart: day(r.plannedStart),
    plannedEnd: day(r.plannedEnd),
    actualStart: day(r.actualStart),
    actualEnd: day(r.actualEnd),
    budgetAmount: r.budgetAmount?.toString() ?? null,
    budgetCurrency: r.budgetCurrency ?? null,
    countries: r.countries.map((c) => c.country.code),
    organisations: r.organisations.map((o) => ({ organisationId: o.organisation.id, role: o.role })),
    archived: r.archivedAt !== null,
  };
}

export type ProgrammePage = { data: ProgrammeListItem[]; page: number; perPage: number; total: number };

/** One page of the programmes the scope sees, by the list page's URL parameters (q, sort, dir, page, filters, archived). */
export async function listProgrammesForApi(scope: Scope, params: URLSearchParams): Promise<ProgrammePage> {
  const query = parseListQuery(params, PROGRAMME_LIST);
  const { rows, total } = await listProgrammeRows(scope, query);
  return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
}

export async function getProgrammeForApi(scope: Scope, code: string): Promise<ProgrammeResource | null> {
  const p = await getProgrammeRecord(scope, code);
  return p && programmeResource(p);
}

export async function createProgrammeFromApi(ctx: Ctx, body: Record<string, unknown>): Promise<ProgrammeResource> {
  const { version: _ignored, ...values } = body;
  const created = await createProgramme(ctx, parseAsForm(ProgrammeFormSchema, values, "programme"));
  return programmeResource(await requireProgrammeRecord(ctx.scope, created.code));
}

/**
 * Changes the fields the body names; the others keep their stored values.
 * `version` is required: a stale one is a ConflictError (409), whose
 * `current` the route sends back.
 */
export async function updateProgrammeFromApi(ctx: Ctx, code: string, body: Record<string, unknown>): Promise<ProgrammeResource> {
  const current = await requireProgrammeRecord(ctx.scope, code);
  const version = requireApiVersion(body);
  const data = parseAsForm(ProgrammeFormSchema, { ...programmeFormDefaults(current), ...body, version: String(version) }, "programme");
  const updated = await updateProgramme(ctx, current.id, version, data);
  return programmeResource(await requireProgrammeRecord(ctx.scope, updated.code));
}

/** Archives the programme (a soft delete: staff can restore it on its page); idempotent. */
export async function archiveProgrammeFromApi(ctx: Ctx, code: string): Promise<ProgrammeResource> {
  const current = await requireProgrammeRecord(ctx.scope, code);
  if (!current.archivedAt) await setProgrammeArchived(ctx, current.id, true);
  return programmeResource(await requireProgrammeRecord(ctx.scope, code));
}

export { ConflictError };
