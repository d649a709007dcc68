import { fundingApi } from "~/models/funding-api.server";
import { apiArchiveAction, apiArchiveLoader } from "~/utils/api-resource.server";

// POST /api/v1/funding/<id>/archive: archives the record (staff). A POST to an
// action, not DELETE: nothing is deleted, staff can restore it on its page; a
// repeat answers the same archived record.

export const loader = /* @__PURE__ */ apiArchiveLoader();
export const action = /* @__PURE__ */ apiArchiveAction(fundingApi);
