import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { endAllSessions, endSession } from "~/auth/session.server";
import { contextOf } from "~/auth/write-context.server";
import { recordAudit } from "~/models/audit.server";
import { auditSource } from "~/models/ctx.server";

// POST only: a link or an image on another site cannot sign anyone out.
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const form = await request.formData();
  const everywhere = form.get("everywhere") === "1";
  const cookie = everywhere ? await endAllSessions(viewer.user.id) : await endSession(viewer.sessionId);
  await recordAudit({
    ...auditSource(contextOf(viewer, context)),
    action: everywhere ? "sign_out_everywhere" : "sign_out",
    entityType: "User",
    entityId: viewer.user.id,
  });
  // Issue 20: the browser forgets this device's offline copy of the account
  // (the service worker's caches, the outbox in IndexedDB, the worker itself)
  // with the session. With JavaScript the page has cleared them already
  // (app/offline/clear.client.ts); this is the wall that holds without it.
  throw redirect("/sign-in", { headers: { "Set-Cookie": cookie, "Clear-Site-Data": '"cache", "storage"' } });
}

export async function loader() {
  throw redirect("/");
}
