import { ActivityFormSchema } from "~/schemas/activity";
import { formApiResource } from "~/utils/api-resource.server";
import { parseListQuery } from "~/utils/list-query";
import {
  ACTIVITY_LIST,
  activityFormDefaults,
  createActivity,
  getActivity,
  listActivities,
  setActivityArchived,
  updateActivity,
  type ActivityDetail,
  type ActivityRow,
} from "./activity.server";

// Activities through the JSON API (/api/v1/activities, issue 19, point 5),
// the pattern of programme-api.server.ts (ADR 0041): the list is the
// activities page's query (same filters, sorting, pages, scope), writes are
// the activity form's schema and model functions. An activity is represented
// as the edit form's values (activityFormDefaults) plus id, version, archived:
// what GET returns is what POST and PATCH accept.

export type ActivityResource = Omit<ReturnType<typeof activityFormDefaults>, "version"> & {
  id: string;
  version: number;
  archived: boolean;
  updatedAt: string;
};

export function activityResource(a: ActivityDetail): ActivityResource {
  return { ...activityFormDefaults(a), id: a.id, version: a.version, archived: a.archivedAt !== null, updatedAt: a.updatedAt.toISOString() };
}

export type ActivityListItem = {
  id: string;
  title: string;
  kind: string;
  status: string;
  programmeCode: string;
  countryCode: string | null;
  city: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  participantsTotal: number | null;
  archived: boolean;
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function listItem(r: ActivityRow): ActivityListItem {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    status: r.status,
    programmeCode: r.programme.code,
    countryCode: r.country?.code ?? null,
    city: r.city,
    plannedStart: day(r.plannedStart),
    plannedEnd: day(r.plannedEnd),
    actualStart: day(r.actualStart),
    actualEnd: day(r.actualEnd),
    participantsTotal: r.participantsTotal,
    archived: r.archivedAt !== null,
  };
}

export type ActivityPage = { data: ActivityListItem[]; page: number; perPage: number; total: number };

export const activityApi = formApiResource({
  path: "/api/v1/activities",
  notFound: "Activity not found",
  what: "activity",
  schema: ActivityFormSchema,
  /** One page of the activities the scope sees, by the list page's URL parameters (q, sort, dir, page, filters, archived). */
  async list(caller, params): Promise<ActivityPage> {
    const query = parseListQuery(params, ACTIVITY_LIST);
    const { rows, total } = await listActivities(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  get: getActivity,
  defaults: activityFormDefaults,
  represent: activityResource,
  create: createActivity,
  update: updateActivity,
  setArchived: setActivityArchived,
});
