import { DeliverableFormSchema } from "~/schemas/deliverable";
import { formApiResource } from "~/utils/api-resource.server";
import { parseListQuery } from "~/utils/list-query";
import {
  DELIVERABLE_LIST,
  createDeliverable,
  deliverableFormDefaults,
  getDeliverable,
  listDeliverables,
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

export const deliverableApi = formApiResource({
  path: "/api/v1/deliverables",
  notFound: "Deliverable not found",
  what: "deliverable",
  schema: DeliverableFormSchema,
  /** One page of the deliverables the scope sees, by the list page's URL parameters (q, sort, dir, page, filters, archived). */
  async list(caller, params): Promise<DeliverablePage> {
    const query = parseListQuery(params, DELIVERABLE_LIST);
    const { rows, total } = await listDeliverables(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  get: getDeliverable,
  defaults: deliverableFormDefaults,
  represent: deliverableResource,
  create: createDeliverable,
  // As on the edit page: an outcome is linked only when the deliverable is created from it (`outcomeId` on POST).
  update: (ctx, id, version, data) => updateDeliverable(ctx, id, version, { ...data, outcomeId: undefined }),
  setArchived: setDeliverableArchived,
});
