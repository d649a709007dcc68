import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Button } from "~/components/ui/button";
import { useT } from "~/i18n/context";
import { keepProgramme, listKept, type KeepResult } from "~/offline/pages.client";

// Issue 20: "Keep for offline use" on a programme page (staff and partner).
// Loaded by import() after hydration (app/offline/slots.tsx): it fetches the
// programme's pages into this account's page cache, saying how far it got.

type State = { kind: "idle" } | { kind: "working"; done: number; total: number } | KeepResult;

export default function KeepOffline({ code }: { code: string }) {
  const t = useT();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [pinned, setPinned] = useState(false);
  useEffect(() => {
    let live = true;
    listKept().then(
      (kept) => live && setPinned(kept.pinned.some((p) => p.code === code)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code]);

  const keep = async () => {
    setState({ kind: "working", done: 0, total: 0 });
    const result = await keepProgramme(code, (done, total) => setState({ kind: "working", done, total })).catch((): KeepResult => ({ kind: "failed" }));
    setState(result);
    if (result.kind === "done") setPinned(true);
  };

  const message =
    state.kind === "working"
      ? t("offline.keep.working", { done: state.done, total: state.total })
      : state.kind === "done"
        ? state.failed
          ? t("offline.keep.partly", { done: state.done, total: state.total, failed: state.failed })
          : t("offline.keep.done", { count: state.done })
        : state.kind === "signed-out"
          ? t("offline.keep.signedOut")
          : state.kind === "failed"
            ? t("offline.keep.failed")
            : null;

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={keep} disabled={state.kind === "working"}>
        {pinned ? t("offline.keep.refresh") : t("offline.keep.button")}
      </Button>
      {/* A live region, not role="status": the programme page's notices are its status. */}
      <p aria-live="polite" className="text-sm text-slate-700">
        {message}
        {state.kind === "done" ? (
          <>
            {" "}
            <Link to="/offline" className="font-medium text-brand-700 underline underline-offset-2">
              {t("offline.keep.list")}
            </Link>
          </>
        ) : null}
      </p>
    </div>
  );
}
