import { indicatorApi } from "~/models/indicator-api.server";
import { apiArchiveAction, apiArchiveLoader } from "~/utils/api-resource.server";

// POST /api/v1/indicators/<id>/archive: archives the indicator (staff). A POST to an
// action, not DELETE: nothing is deleted, it leaves the lists and partners'
// and donors' views, staff can restore it on its page; a repeat answers the
// same archived record.

export const loader = /* @__PURE__ */ apiArchiveLoader();
export const action = /* @__PURE__ */ apiArchiveAction(indicatorApi);
