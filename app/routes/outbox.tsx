import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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

export default function Outbox() {
  return <OutboxPage />;
}
