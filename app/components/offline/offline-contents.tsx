import { useCallback, useEffect, useState } from "react";
import { Button } from "~/components/ui/button";
import { useT } from "~/i18n/context";
import { listKept, unpinProgramme, type Kept } from "~/offline/pages.client";

// Issue 20: the offline page's lists, read from this device's cache of the
// account (app/offline/pages.client.ts). Plain links: the service worker
// answers them from the copy while the network is down.

export default function OfflineContents() {
  const t = useT();
  const [kept, setKept] = useState<Kept | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const reload = useCallback(() => listKept().then(setKept, () => setKept({ pages: [], pinned: [] })), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (!kept) return <p className="text-slate-700">{t("offline.pages.loading")}</p>;

  const unpin = async (code: string) => {
    await unpinProgramme(code);
    setRemoved(code);
    await reload();
  };

  return (
    <>
      <section aria-labelledby="offline-pinned" className="space-y-2">
        <h2 id="offline-pinned" className="text-lg font-semibold">
          {t("offline.pinned.title")}
        </h2>
        <p role="status" className="text-sm text-green-900">
          {removed ? t("offline.pinned.removed", { code: removed }) : null}
        </p>
        {kept.pinned.length === 0 ? (
          <p className="text-slate-700">{t("offline.pinned.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {kept.pinned.map((p) => (
              <li key={p.code} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span>
                  <a href={new URL(p.page).pathname} className="font-medium text-brand-700 underline underline-offset-2">
                    {p.code} · {p.title}
                  </a>{" "}
                  <span className="text-sm text-slate-600">{t("offline.pinned.pages", { count: p.urls.length })}</span>
                </span>
                <Button variant="secondary" onClick={() => void unpin(p.code)}>
                  {t("offline.pinned.remove", { code: p.code })}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="offline-pages" className="space-y-2">
        <h2 id="offline-pages" className="text-lg font-semibold">
          {t("offline.pages.title")}
        </h2>
        {kept.pages.length === 0 ? (
          <p className="text-slate-700">{t("offline.pages.none")}</p>
        ) : (
          <ul className="list-disc space-y-1 pl-6">
            {kept.pages.map((page) => (
              <li key={page.url}>
                <a href={page.url} className="text-brand-700 underline underline-offset-2">
                  {page.title ?? t("offline.pages.untitled")}
                </a>{" "}
                <span className="text-sm text-slate-600">{page.url}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
