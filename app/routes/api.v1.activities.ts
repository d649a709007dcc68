import { activityApi } from "~/models/activity-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/activities: the activities list page's query (q, sort, dir,
// page, programme, country, kind, status, organisation, from, to, archived) in the caller's scope.
// POST /api/v1/activities: creates an activity from the activity form's fields (staff).
// docs/decisions/0041-json-api-and-tokens.md; the operations are in /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(activityApi);
export const action = /* @__PURE__ */ apiCreateAction(activityApi);
