import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireStaff } from "~/auth/auth.server";
import { indicatorIdOfPeriod } from "~/models/indicator.server";
import { notFoundError } from "~/utils/errors.server";
import { withDomainErrors } from "~/utils/respond.server";

// A period has no page of its own: its indicator's page shows it. The
// spreadsheet import's preview links a period row here (ADR 0042).
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const indicatorId = await indicatorIdOfPeriod(scope, params.id ?? "");
  if (!indicatorId) throw notFoundError("Indicator period not found");
  return redirect(`/indicators/${indicatorId}`);
});
