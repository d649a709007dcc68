import { lazy, Suspense, useEffect, useState } from "react";
import { useT } from "~/i18n/context";

// Issue 20: the only offline code a page loads up front. Each slot renders
// nothing on the server and without JavaScript (or without a service
// worker), and after hydration fetches its component by import(), so the
// first page load's bundle does not grow (tests/unit/bundle-budget.test.ts).

const KeepOffline = lazy(() => import("~/components/offline/keep-offline"));
const OfflineContents = lazy(() => import("~/components/offline/offline-contents"));

type Support = "unknown" | "yes" | "no";

/** After hydration: can this browser keep pages (a service worker and Cache Storage)? */
function useOfflineSupport(): Support {
  const [support, setSupport] = useState<Support>("unknown");
  useEffect(() => {
    setSupport("serviceWorker" in navigator && "caches" in window ? "yes" : "no");
  }, []);
  return support;
}

/** "Keep for offline use" on a programme page (hidden without JavaScript or a service worker). */
export function KeepOfflineSlot({ code }: { code: string }) {
  const support = useOfflineSupport();
  if (support !== "yes") return null;
  return (
    <Suspense fallback={null}>
      <KeepOffline code={code} />
    </Suspense>
  );
}

/** The offline page's list of what this device keeps. */
export function OfflineContentsSlot() {
  const t = useT();
  const support = useOfflineSupport();
  if (support === "unknown") return <p className="text-slate-700">{t("offline.pages.noScript")}</p>;
  if (support === "no") return <p className="text-slate-700">{t("offline.pages.unsupported")}</p>;
  return (
    <Suspense fallback={<p className="text-slate-700">{t("offline.pages.loading")}</p>}>
      <OfflineContents />
    </Suspense>
  );
}
