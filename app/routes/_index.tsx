import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getViewer, homePathFor } from "~/auth/auth.server";

// "/" sends everyone to where they belong.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  throw redirect(viewer ? homePathFor(viewer.user.role) : "/sign-in");
}
