import { activityApi } from "~/models/activity-api.server";
import { apiArchiveAction, apiArchiveLoader } from "~/utils/api-resource.server";

// POST /api/v1/activities/<id>/archive: archives the activity (staff). A
// POST to an action, not DELETE: nothing is deleted, the activity leaves the
// lists and partners' and donors' views and staff can restore it on its page;
// a repeat answers the same archived record.

export const loader = /* @__PURE__ */ apiArchiveLoader();
export const action = /* @__PURE__ */ apiArchiveAction(activityApi);
