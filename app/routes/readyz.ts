import { isDatabaseReachable } from "~/models/health.server";
import { withDomainErrors } from "~/utils/respond.server";

// Readiness: the database answers a trivial query.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader() {
  const ok = await isDatabaseReachable();
  return new Response(ok ? "ready\n" : "database unreachable\n", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
});
