import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { openNotification } from "~/notifications/inbox.server";

// One inbox entry's link: marks it read and goes where it points. Only the
// user's own: anyone else's id is "not found".

async function open(request: Request, id: string | undefined) {
  const { user } = await requireUser(request);
  const path = id ? await openNotification(user.id, id) : null;
  if (!path) throw new Response("Notification not found", { status: 404 });
  // Paths are written by Concord (app paths), never by a user; keep them on this site anyway.
  return redirect(path.startsWith("/") && !path.startsWith("//") ? path : "/inbox");
}

export const loader = ({ request, params }: LoaderFunctionArgs) => open(request, params.id);
export const action = ({ request, params }: ActionFunctionArgs) => open(request, params.id);
