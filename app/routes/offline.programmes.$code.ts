import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { isStaffRole } from "~/auth/permissions";
import { requestLocale } from "~/i18n/request.server";
import { programmeOfflinePages } from "~/models/offline.server";
import { withDomainErrors } from "~/utils/respond.server";

// GET /offline/programmes/:code (issue 20): the pages of one programme that
// "Keep for offline use" fetches into this account's page cache, as JSON
// (app/components/offline/keep-offline.tsx). Outside the scope: 404.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, user } = await requireUser(request);
  const pages = await programmeOfflinePages(scope, isStaffRole(user.role), params.code ?? "", await requestLocale(request));
  if (!pages) throw new Response("Programme not found", { status: 404 });
  return json(pages);
});
