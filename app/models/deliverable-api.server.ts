import type { Scope } from "~/auth/scope.server";
import { DeliverableFormSchema } from "~/schemas/deliverable";
import { parseAsForm, requireApiVersion } from "~/utils/api-input.server";
import { parseListQuery } from "~/utils/list-query";
import type { Ctx } from "./ctx.server";
import {
  DELIVERABLE_LIST,
  createDeliverable,
  deliverableFormDefaults,
  getDeliverable,
  listDeliverables,
  requireDeliverable,
  setDeliverableArchived,
  updateDeliverable,
  type DeliverableDetail,
  type DeliverableRow,
} from "./deliverable.server";

// Deliverables through the JSON API (/api/v1/deliverables, issue 19, point 5),
// the pattern of activity-api.server.ts (ADR 0041): the list is the
// deliverables page's query (same filters, sorting, pages, scope); a record is
// the edit form's values (deliverableFormDefaults) plus id, version, archived
// and the computed overdue flag; writes are the form's schema and the model's
// functions (staff only, as the pages).

export type DeliverableResource = Omit<ReturnType<typeof deliverableFormDefaults>, "version"> & {
  id: string;
  version: number;
  archived: boolean;
  overdue: boolean;
  updatedAt: string;
};

export function deliverableResource(d: DeliverableDetail): DeliverableResource {
  return { ...deliverableFormDefaults(d), id: d.id, version: d.version, archived: d.archivedAt !== null, overdue: d.overdue, updatedAt: d.updatedAt.toISOString() };
}

// A row names no agreement or activity: the list reads them whether archived
// or not, and a partner's pages do not show archived ones (the record does,
// through getDeliverable's rules).
export type DeliverableListItem = {
  id: string;
  title: string;
  status: string;
  dueDate: string | null;
  overdue: boolean;
  programmeCode: string;
  responsibleOrgId: string | null;
  archived: boolean;
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function listItem(r: DeliverableRow): DeliverableListItem {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    dueDate: day(r.dueDate),
    overdue: r.overdue,
    programmeCode: r.programme.code,
    responsibleOrgId: r.responsibleOrg?.id ?? null,
    archived: r.archivedAt !== null,
  };
}

export type DeliverablePage = { data: DeliverableListItem[]; page: number; perPage: number; total: number };

/** One page of the deliverables the scope sees, by the list page's URL parameters (q, sort, dir, page, filters, archived). */
export async function listDeliverablesForApi(scope: Scope, params: URLSearchParams): Promise<DeliverablePage> {
  const query = parseListQuery(params, DELIVERABLE_LIST);
  const { rows, total } = await listDeliverables(scope, query);
  return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
}

export async function getDeliverableForApi(scope: Scope, id: string): Promise<DeliverableResource | null> {
  const d = await getDeliverable(scope, id);
  return d && deliverableResource(d);
}

/** Creates a deliverable; `outcomeId` links it to the workshop outcome it carries out, as /deliverables/new?outcome= does. */
export async function createDeliverableFromApi(ctx: Ctx, body: Record<string, unknown>): Promise<DeliverableResource> {
  const { version: _ignored, ...values } = body;
  const created = await createDeliverable(ctx, parseAsForm(DeliverableFormSchema, values, "deliverable"));
  return deliverableResource(await requireDeliverable(ctx.scope, created.id));
}

/**
 * Changes the fields the body names; the others keep their stored values.
 * `version` is required (a stale one is a 409). As on the edit page, an
 * outcome is linked only when the deliverable is created from it.
 */
export async function updateDeliverableFromApi(ctx: Ctx, id: string, body: Record<string, unknown>): Promise<DeliverableResource> {
  const current = await requireDeliverable(ctx.scope, id);
  const version = requireApiVersion(body);
  const data = parseAsForm(DeliverableFormSchema, { ...deliverableFormDefaults(current), ...body, version: String(version) }, "deliverable");
  await updateDeliverable(ctx, current.id, version, { ...data, outcomeId: undefined });
  return deliverableResource(await requireDeliverable(ctx.scope, id));
}

/** Archives the deliverable (a soft delete: staff can restore it on its page); idempotent. */
export async function archiveDeliverableFromApi(ctx: Ctx, id: string): Promise<DeliverableResource> {
  const current = await requireDeliverable(ctx.scope, id);
  if (!current.archivedAt) await setDeliverableArchived(ctx, current.id, true);
  return deliverableResource(await requireDeliverable(ctx.scope, id));
}
