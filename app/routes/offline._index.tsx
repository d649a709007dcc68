import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { OfflineContentsSlot } from "~/offline/slots";

// /offline (issue 20): where the service worker sends a page it has no copy
// of while the network is down. The worker keeps it at install, fetched
// signed out (it names nobody, so it may be shown to whoever is offline);
// the list of pages kept for this account is read from the device's cache
// by client code after hydration. Open to everyone, signed in or not.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Offline · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  return json({ metaTitle: t("offline.metaTitle") });
}

export default function Offline() {
  useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("offline.title")}</h1>
        <p className="text-slate-700">{t("offline.intro")}</p>
        <p>
          <Link to="/outbox" className="font-medium text-brand-700 underline underline-offset-2">
            {t("offline.outbox")}
          </Link>
        </p>
      </div>
      <OfflineContentsSlot />
    </div>
  );
}
