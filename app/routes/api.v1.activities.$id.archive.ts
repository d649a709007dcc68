import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/auth/api-auth.server";
import { archiveActivityFromApi } from "~/models/activity-api.server";
import { apiHandler, apiJson, problem } from "~/utils/api-response.server";

// POST /api/v1/activities/<id>/archive: archives the activity (staff). A
// POST to an action, not DELETE: nothing is deleted, the activity leaves the
// lists and partners' and donors' views and staff can restore it on its page;
// a repeat answers the same archived record.

export const loader = /* @__PURE__ */ apiHandler(async ({ request }: LoaderFunctionArgs) =>
  problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "POST" }),
);

export const action = /* @__PURE__ */ apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "POST" });
  const caller = await requireApiCaller(request, context);
  return apiJson(await archiveActivityFromApi(caller, params.id ?? ""));
});
