import { matchRoutes } from "@remix-run/react";
import { useEffect, useState } from "react";
import { CountLink } from "~/components/layout/app-shell";
import { useT } from "~/i18n/context";
import { accountKey, countEntries, onOutboxChange } from "~/offline/outbox.client";
import { syncOutbox } from "~/offline/sync.client";
// Loaded with the indicator (online), so the sign-out warning works offline too.
import "~/offline/sign-out.client";

// Issue 20: the header's outbox link with the number of entries waiting on
// this device. Loaded by the shell with lazy() after hydration (never in the
// first load). It also sends the outbox: once when a page loads online, and
// whenever the browser comes back online.

export default function OutboxIndicator() {
  const t = useT();
  const [count, setCount] = useState(0);
  const known = useOutboxRouteKnown();
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
  return <CountLink to="/outbox" prefetch={known ? "render" : undefined} name={name} label={count ? t("outbox.navCount", { count }) : name} count={count} />;
}

/**
 * Whether the router knows the /outbox route yet (Remix discovers routes from
 * the links a page renders, a moment after it renders them): prefetching it
 * before that only warns "no routes matched".
 */
function useOutboxRouteKnown(): boolean {
  const [known, setKnown] = useState(false);
  useEffect(() => {
    const router = (window as unknown as { __remixRouter?: { routes: Parameters<typeof matchRoutes>[0] } }).__remixRouter;
    const check = () => Boolean(router && matchRoutes(router.routes, "/outbox")?.some((m) => m.route.id === "routes/outbox"));
    if (check()) return setKnown(true);
    let tries = 0;
    const timer = window.setInterval(() => {
      if (check() || ++tries > 40) {
        window.clearInterval(timer);
        setKnown(check());
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, []);
  return known;
}
