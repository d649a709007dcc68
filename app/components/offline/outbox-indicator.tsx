import { useEffect, useState } from "react";
import { CountLink } from "~/components/layout/app-shell";
import { useT } from "~/i18n/context";
import { accountKey, countEntries, onOutboxChange } from "~/offline/outbox.client";
import { syncOutbox } from "~/offline/sync.client";

// Issue 20: the header's outbox link with the number of entries waiting on
// this device. Loaded by the shell with lazy() after hydration (never in the
// first load). It also sends the outbox: once when a page loads online, and
// whenever the browser comes back online.

export default function OutboxIndicator() {
  const t = useT();
  const [count, setCount] = useState(0);
  useEffect(() => {
    const key = accountKey();
    if (!key) return;
    let live = true;
    const read = () => void countEntries(key).then((n) => live && setCount(n));
    const send = () => {
      if (navigator.onLine) void syncOutbox(key);
    };
    const stop = onOutboxChange(read);
    read();
    send();
    window.addEventListener("online", send);
    return () => {
      live = false;
      stop();
      window.removeEventListener("online", send);
    };
  }, []);
  // Always there (so the outbox is one click away), and prefetched: a form
  // saved offline goes to /outbox, whose code must already be in the browser.
  const name = t("outbox.nav");
  return <CountLink to="/outbox" prefetch="render" name={name} label={count ? t("outbox.navCount", { count }) : name} count={count} />;
}
