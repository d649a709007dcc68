import type { Scope } from "~/auth/scope.server";
import { OutcomeFormSchema } from "~/schemas/outcome";
import { formApiResource } from "~/utils/api-resource.server";
import { parseListQuery } from "~/utils/list-query";
import { deliverablesVisibleTo } from "./deliverable.server";
import {
  OUTCOME_LIST,
  createOutcome,
  getOutcome,
  listOutcomes,
  outcomeFormDefaults,
  setOutcomeArchived,
  updateOutcome,
  type OutcomeDetail,
  type OutcomeRow,
} from "./outcome.server";

// Outcomes through the JSON API (/api/v1/outcomes, issue 19, point 5), the
// pattern of activity-api.server.ts (ADR 0041). Follow-up actions are not a
// resource of their own: the model keeps them as rows of their outcome (the
// outcome form holds them all and an edit replaces them as a whole, with one
// history entry), so the API does the same: an outcome's `followUps` are its
// actions, a PATCH that sends `followUps` replaces them, one that does not
// keeps them. They have no archive of their own (they go with the outcome).

export type OutcomeResource = Omit<ReturnType<typeof outcomeFormDefaults>, "version"> & {
  id: string;
  version: number;
  archived: boolean;
  updatedAt: string;
};

export function outcomeResource(o: OutcomeDetail): OutcomeResource {
  return { ...outcomeFormDefaults(o), id: o.id, version: o.version, archived: o.archivedAt !== null, updatedAt: o.updatedAt.toISOString() };
}

/**
 * A partner's or donor's outcome names only the deliverables they may open
 * (not archived, and for a partner concerning its countries), as the portal's
 * outcome page does (getPortalOutcome); others are left blank.
 */
async function forReader(scope: Scope, o: OutcomeDetail): Promise<OutcomeDetail> {
  if (scope.kind === "staff") return o;
  const visible = await deliverablesVisibleTo(scope, [o.deliverable?.id, ...o.followUps.map((a) => a.deliverable?.id)]);
  const shown = <D extends { id: string }>(d: D | null) => (d && visible.has(d.id) ? d : null);
  return { ...o, deliverable: shown(o.deliverable), followUps: o.followUps.map((a) => ({ ...a, deliverable: shown(a.deliverable) })) };
}

// A row names no deliverable: the list reads them whether archived or visible
// to a partner or not (the record names those the reader may open).
export type OutcomeListItem = {
  id: string;
  type: string;
  text: string;
  dueDate: string | null;
  followUpStatus: string;
  activityId: string;
  programmeCode: string;
  responsibleOrgId: string | null;
  archived: boolean;
};

function listItem(r: OutcomeRow): OutcomeListItem {
  return {
    id: r.id,
    type: r.type,
    text: r.text,
    dueDate: r.dueDate ? r.dueDate.toISOString().slice(0, 10) : null,
    followUpStatus: r.followUpStatus,
    activityId: r.activity.id,
    programmeCode: r.activity.programme.code,
    responsibleOrgId: r.responsibleOrg?.id ?? null,
    archived: r.archivedAt !== null,
  };
}

export type OutcomePage = { data: OutcomeListItem[]; page: number; perPage: number; total: number };

export const outcomeApi = formApiResource({
  path: "/api/v1/outcomes",
  notFound: "Outcome not found",
  what: "outcome",
  schema: OutcomeFormSchema,
  /** One page of the outcomes the scope sees, by the list page's URL parameters (q, sort, dir, page, filters, archived). */
  async list(caller, params): Promise<OutcomePage> {
    const query = parseListQuery(params, OUTCOME_LIST);
    const { rows, total } = await listOutcomes(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  // The record as its reader may see it (staff: as stored, so the writes' form values are the stored ones).
  async get(scope, id) {
    const o = await getOutcome(scope, id);
    return o && forReader(scope, o);
  },
  defaults: outcomeFormDefaults,
  represent: outcomeResource,
  create: createOutcome,
  update: updateOutcome,
  setArchived: setOutcomeArchived,
});
