import { requirementApi } from "~/models/reporting-requirement-api.server";
import { apiArchiveAction, apiArchiveLoader } from "~/utils/api-resource.server";

// POST /api/v1/reporting-requirements/<id>/archive: archives the requirement (staff). Its reports
// stay, but partners and donors no longer see them; staff can restore it on its edit page.

export const loader = /* @__PURE__ */ apiArchiveLoader();
export const action = /* @__PURE__ */ apiArchiveAction(requirementApi);
