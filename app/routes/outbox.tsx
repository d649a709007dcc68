import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { OutboxPage } from "~/components/offline/outbox-page";
import { requestTranslator } from "~/i18n/request.server";

// Issue 20: the forms saved on this device while offline (every signed-in
// role). What it lists lives in the browser (IndexedDB), not on the server.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Outbox · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const t = await requestTranslator(request);
  return json({ title: t("outbox.metaTitle") });
}

/**
 * Offline (a form was just saved into the outbox) there is no server to ask:
 * the page needs nothing from it. Online, the server's loader runs (and
 * checks the session) as for any page.
 */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  if (navigator.onLine === false) return { title: null };
  return serverLoader<typeof loader>();
}

export default function Outbox() {
  return <OutboxPage />;
}
