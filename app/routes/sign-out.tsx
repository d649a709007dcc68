import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { endAllSessions, endSession } from "~/auth/session.server";
import { recordAudit } from "~/models/audit.server";

// POST only: a link or an image on another site cannot sign anyone out.
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const form = await request.formData();
  const everywhere = form.get("everywhere") === "1";
  const cookie = everywhere ? await endAllSessions(viewer.user.id) : await endSession(viewer.sessionId);
  await recordAudit({
    actor: { id: viewer.user.id, email: viewer.user.email },
    action: everywhere ? "sign_out_everywhere" : "sign_out",
    entityType: "User",
    entityId: viewer.user.id,
    ip: context.clientIp,
  });
  throw redirect("/sign-in", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  throw redirect("/");
}
