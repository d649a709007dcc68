import type { Scope } from "~/auth/scope.server";
import { ActivityFormSchema } from "~/schemas/activity";
import { parseAsForm, requireApiVersion } from "~/utils/api-input.server";
import { ConflictError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import {
  ACTIVITY_LIST,
  activityFormDefaults,
  createActivity,
  getActivity,
  listActivities,
  requireActivity,
  setActivityArchived,
  updateActivity,
  type ActivityDetail,
  type ActivityRow,
} from "./activity.server";
import type { Ctx } from "./ctx.server";

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

/** One page of the activities the scope sees, by the list page's URL parameters (q, sort, dir, page, filters, archived). */
export async function listActivitiesForApi(scope: Scope, params: URLSearchParams): Promise<ActivityPage> {
  const query = parseListQuery(params, ACTIVITY_LIST);
  const { rows, total } = await listActivities(scope, query);
  return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
}

export async function getActivityForApi(scope: Scope, id: string): Promise<ActivityResource | null> {
  const a = await getActivity(scope, id);
  return a && activityResource(a);
}

export async function createActivityFromApi(ctx: Ctx, body: Record<string, unknown>): Promise<ActivityResource> {
  const { version: _ignored, ...values } = body;
  const created = await createActivity(ctx, parseAsForm(ActivityFormSchema, values, "activity"));
  return activityResource(await requireActivity(ctx.scope, created.id));
}

/**
 * Changes the fields the body names; the others keep their stored values.
 * `version` is required: a stale one is a ConflictError (409), whose
 * `current` the route sends back.
 */
export async function updateActivityFromApi(ctx: Ctx, id: string, body: Record<string, unknown>): Promise<ActivityResource> {
  const current = await requireActivity(ctx.scope, id);
  const version = requireApiVersion(body);
  const data = parseAsForm(ActivityFormSchema, { ...activityFormDefaults(current), ...body, version: String(version) }, "activity");
  await updateActivity(ctx, current.id, version, data);
  return activityResource(await requireActivity(ctx.scope, id));
}

/** Archives the activity (a soft delete: staff can restore it on its page); idempotent. */
export async function archiveActivityFromApi(ctx: Ctx, id: string): Promise<ActivityResource> {
  const current = await requireActivity(ctx.scope, id);
  if (!current.archivedAt) await setActivityArchived(ctx, current.id, true);
  return activityResource(await requireActivity(ctx.scope, id));
}

export { ConflictError };
