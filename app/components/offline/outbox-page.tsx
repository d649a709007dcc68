import { Link, useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { fieldLabel } from "~/components/ui/rich-text";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import type { MessageKey } from "~/i18n/translate";
import { isHeldBack, valuesFromFields, withField, type OutboxEntry, type OutboxState, type SentEntry } from "~/offline/outbox";
import * as outboxStore from "~/offline/outbox.client";
import { syncOutbox, type SyncResult } from "~/offline/sync.client";

// Issue 20: the /outbox page. Everything it shows is on this device
// (IndexedDB), so it is read after hydration. The outbox code is imported
// statically here: this route's module is all that must be in the browser to
// open the page offline (the header's link prefetches it), and it is no
// other page's first load. docs/decisions/0043-offline-outbox.part.md.

// On the server a .client module is empty: the store is used in effects and handlers only.
const loadStore = async () => outboxStore;

const TONE: Record<OutboxState, "slate" | "blue" | "red" | "amber"> = {
  waiting: "slate",
  sending: "blue",
  refused: "red",
  conflict: "amber",
  signedOut: "amber",
};

const RESULT_MESSAGE: Partial<Record<SyncResult["kind"], MessageKey>> = {
  offline: "outbox.offline",
  later: "outbox.later",
  busy: "outbox.busy",
};

/** The outbox of the account signed in on this page, read again on every change (this tab or another). */
function useOutbox() {
  const [data, setData] = useState<{ key: string | null; entries: OutboxEntry[]; sent: SentEntry[] } | null>(null);
  useEffect(() => {
    let live = true;
    let stop = () => {};
    void loadStore().then((store) => {
      const key = store.accountKey();
      const read = async () => {
        const [entries, sent] = key ? await Promise.all([store.listEntries(key), store.listSent(key)]) : [[], []];
        if (live) setData({ key, entries, sent });
      };
      stop = store.onOutboxChange(() => void read());
      void read();
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return data;
}

export function OutboxPage() {
  const t = useT();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const outbox = useOutbox();
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<SyncResult | null>(null);
  const key = outbox?.key ?? null;

  const sendNow = useCallback(async () => {
    if (!key) return;
    if (!navigator.onLine) return setResult({ kind: "offline", sent: 0 });
    setSending(true);
    try {
      setResult(await syncOutbox(key, { wait: true }));
    } finally {
      setSending(false);
    }
  }, [key]);

  // An entry just saved or edited while online goes at once.
  useEffect(() => {
    if (key && saved && navigator.onLine) void sendNow();
  }, [key, saved, sendNow]);

  const entries = outbox?.entries ?? [];
  const signedOut = result?.kind === "signedOut" || entries.some((e) => e.state === "signedOut");
  const resultMessage = result ? RESULT_MESSAGE[result.kind] : undefined;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("outbox.title")}</h1>
      <p className="text-slate-700">{t("outbox.intro")}</p>
      <noscript>
        <p className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm">{t("outbox.noScript")}</p>
      </noscript>
      <div role="status" className="space-y-2">
        {saved && entries.some((e) => e.id === saved && e.state === "waiting") ? (
          <p className="rounded-md border border-brand-300 bg-brand-50 p-3 text-sm font-medium text-brand-900">{t("outbox.saved")}</p>
        ) : null}
        {resultMessage ? <p className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">{t(resultMessage)}</p> : null}
        {outbox?.sent.map((s) => <SentNotice key={s.id} sent={s} dismiss={() => void loadStore().then((m) => m.dismissSent(key!, s.id))} />)}
      </div>
      {signedOut ? (
        <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
          <p>{t("outbox.signInAgainText")}</p>
          <a href={`/sign-in?redirectTo=${encodeURIComponent("/outbox")}`} className="font-semibold text-brand-700 underline">
            {t("outbox.signInAgain")}
          </a>
        </div>
      ) : null}
      {outbox === null ? (
        <p className="text-sm text-slate-600">{t("outbox.loading")}</p>
      ) : (
        <section aria-labelledby="outbox-entries" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="outbox-entries" className="text-lg font-semibold">
              {t("outbox.entries")}
            </h2>
            {entries.length ? (
              <button
                type="button"
                onClick={() => void sendNow()}
                disabled={sending}
                className="inline-flex min-h-[2.5rem] items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:bg-slate-400"
              >
                {sending ? t("outbox.sending") : t("outbox.sendNow")}
              </button>
            ) : null}
          </div>
          {entries.length === 0 ? <p className="text-slate-700">{t("outbox.empty")}</p> : null}
          <ol className="space-y-3">
            {entries.map((entry) => (
              <EntryItem key={entry.id} entry={entry} heldBack={isHeldBack(entry, entries)} storeKey={key!} sendNow={sendNow} />
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

function SentNotice({ sent, dismiss }: { sent: SentEntry; dismiss: () => void }) {
  const t = useT();
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      <p className="font-medium">{t("outbox.sentText", { title: sent.title })}</p>
      <Link to={sent.sentTo} className="font-semibold text-brand-700 underline">
        {t("outbox.sentOpen")}
      </Link>
      <button type="button" onClick={dismiss} className="ml-auto rounded px-2 py-1 text-green-900 underline">
        {t("outbox.sentDismiss")}
      </button>
    </div>
  );
}

function openUrl(entry: OutboxEntry): string {
  const url = new URL(entry.formUrl, "http://concord.invalid");
  url.searchParams.set("outbox", entry.id);
  return `${url.pathname}${url.search}`;
}

function EntryItem({ entry, heldBack, storeKey, sendNow }: { entry: OutboxEntry; heldBack: boolean; storeKey: string; sendNow: () => Promise<void> }) {
  const t = useT();
  const fmt = useFormat();
  const discard = async () => {
    if (!window.confirm(t("outbox.discardConfirm", { title: entry.title }))) return;
    await (await loadStore()).removeEntry(storeKey, entry.id);
  };
  const fieldErrors = Object.keys(entry.errors ?? {}).length;
  const headingId = `outbox-entry-${entry.id}`;
  return (
    <li aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="break-words font-semibold">
          {entry.title}
        </h3>
        <Badge tone={TONE[entry.state]}>{t(`outbox.state.${entry.state}`)}</Badge>
        <span className="text-sm text-slate-600">{t("outbox.savedAt", { time: fmt.dateTime(entry.updatedAt) })}</span>
      </div>
      {heldBack ? <p className="text-sm text-slate-700">{t("outbox.heldBack")}</p> : null}
      {entry.state === "refused" ? (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {entry.formError ? <p className="font-medium">{t.text(entry.formError)}</p> : null}
          {fieldErrors ? <p className="font-medium">{t("common.form.needsFixing", { count: fieldErrors })}</p> : null}
          <p>{t("outbox.refusedHelp")}</p>
        </div>
      ) : null}
      {entry.state === "conflict" && entry.conflict ? <ConflictPanel entry={entry} storeKey={storeKey} sendNow={sendNow} /> : null}
      <div className="flex flex-wrap gap-3 text-sm">
        {entry.state !== "conflict" ? (
          <Link to={openUrl(entry)} aria-label={t("outbox.openNamed", { title: entry.title })} className="font-medium text-brand-700 underline">
            {t("outbox.open")}
          </Link>
        ) : null}
        <button type="button" onClick={() => void discard()} aria-label={t("outbox.discardNamed", { title: entry.title })} className="font-medium text-red-700 underline">
          {t("outbox.discard")}
        </button>
      </div>
    </li>
  );
}

/**
 * Both versions side by side, field by field: the person chooses. "Keep
 * mine" and "Edit" need the record's current version (its edit page's loader
 * data), so the resend is an explicit overwrite of what is saved now.
 */
function ConflictPanel({ entry, storeKey, sendNow }: { entry: OutboxEntry; storeKey: string; sendNow: () => Promise<void> }) {
  const t = useT();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [problem, setProblem] = useState(false);
  const conflict = entry.conflict!;
  const who = conflict.updatedBy ?? t("common.form.someoneElse");
  const theirs = conflict.updatedAt ? t("outbox.conflict.theirs", { who, time: fmt.dateTime(conflict.updatedAt) }) : t("outbox.conflict.theirsNoTime", { who });

  /** The entry with the record's current version, waiting again; false if the version could not be read. */
  const takeCurrentVersion = async (): Promise<boolean> => {
    const version = await currentVersion(entry);
    if (version === null) {
      setProblem(true);
      return false;
    }
    const store = await loadStore();
    await store.updateEntry(storeKey, entry.id, { fields: withField(entry.fields, "version", version), state: "waiting", conflict: null });
    return true;
  };
  const keepMine = async () => {
    if (await takeCurrentVersion()) await sendNow();
  };
  const keepTheirs = async () => {
    await (await loadStore()).removeEntry(storeKey, entry.id);
  };
  const edit = async () => {
    if (await takeCurrentVersion()) navigate(openUrl(entry));
  };
  // Yours: what the entry holds for the field (the conflict's own "mine" is the value the form was opened with).
  const values = valuesFromFields(entry.fields);
  const mine: Record<string, string> = {};
  for (const c of conflict.changes) {
    const value = values[c.field];
    if (typeof value === "string") mine[c.field] = value || t("common.value.empty");
    else if (Array.isArray(value)) mine[c.field] = value.join(", ") || t("common.value.none");
  }
  const headingId = `conflict-${entry.id}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
      <h4 id={headingId} className="font-semibold">
        {t("outbox.conflict.title")}
      </h4>
      <p>{t("outbox.conflict.intro")}</p>
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse bg-white text-left text-slate-900">
          <thead>
            <tr>
              <th scope="col" className="border border-slate-300 px-2 py-1">
                {t("outbox.conflict.field")}
              </th>
              <th scope="col" className="border border-slate-300 px-2 py-1">
                {t("outbox.conflict.mine")}
              </th>
              <th scope="col" className="border border-slate-300 px-2 py-1">
                {theirs}
              </th>
            </tr>
          </thead>
          <tbody>
            {conflict.changes.map((c) => (
              <tr key={c.field}>
                <th scope="row" className="border border-slate-300 px-2 py-1 font-medium">
                  {fieldLabel(t, c.label)}
                </th>
                <td className="break-words border border-slate-300 px-2 py-1">{mine[c.field] ?? t.text(c.mine)}</td>
                <td className="break-words border border-slate-300 px-2 py-1">{t.text(c.theirs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problem ? <p role="alert">{t("outbox.conflict.noCurrent")}</p> : null}
      <div className="flex flex-wrap gap-3">
        <ChoiceButton label={t("outbox.conflict.keepMine")} help={t("outbox.conflict.keepMineHelp")} onClick={keepMine} primary />
        <ChoiceButton label={t("outbox.conflict.keepTheirs")} help={t("outbox.conflict.keepTheirsHelp")} onClick={keepTheirs} />
        <ChoiceButton label={t("outbox.conflict.edit")} help={t("outbox.conflict.editHelp")} onClick={edit} />
      </div>
    </section>
  );
}

function ChoiceButton({ label, help, onClick, primary = false }: { label: string; help: string; onClick: () => Promise<void>; primary?: boolean }) {
  return (
    <div className="max-w-[14rem]">
      <button
        type="button"
        onClick={() => void onClick()}
        className={`min-h-[2.5rem] rounded-md px-3 py-2 font-semibold ${primary ? "bg-brand-700 text-white hover:bg-brand-800" : "bg-white text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"}`}
      >
        {label}
      </button>
      <p className="mt-1 text-xs">{help}</p>
    </div>
  );
}

/** The record's current version, from its edit page's loader data (`?_data=`); null if it cannot be read. */
async function currentVersion(entry: OutboxEntry): Promise<string | null> {
  const url = new URL(entry.formUrl, window.location.origin);
  url.searchParams.set("_data", entry.routeId);
  try {
    const response = await fetch(`${url.pathname}${url.search}`, { credentials: "same-origin" });
    if (!response.ok || response.headers.get("X-Remix-Redirect")) return null;
    const data = (await response.json()) as { defaults?: { version?: unknown } };
    const version = data.defaults?.version;
    return typeof version === "string" || typeof version === "number" ? String(version) : null;
  } catch {
    return null;
  }
}
