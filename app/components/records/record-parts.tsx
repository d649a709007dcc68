import { Form, Link } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { Badge } from "~/components/ui/card";
import { recordValueLabel } from "~/components/records/value-labels";
import { fieldLabel, withNodes } from "~/components/ui/rich-text";
import { formatUtcDateTime } from "~/utils/format";
import { useT } from "~/i18n/context";
import type { MessageKey, Translator } from "~/i18n/translate";
import { useFocusIfLost } from "~/utils/lost-focus";
import { useNotice } from "~/utils/notice";

const NOTICE_TEXT: Record<string, MessageKey> = {
  created: "common.notice.created",
  saved: "common.notice.saved",
  archived: "common.notice.archived",
  restored: "common.notice.restored",
  deleted: "common.notice.deleted",
};

/**
 * The confirmation after a post/redirect/get (the flash notice, app/utils/flash.server.ts).
 * `texts` names a page's own notice codes (e.g. the admin pages'), instead of the record ones.
 */
export function Notice({ texts = NOTICE_TEXT }: { texts?: Record<string, MessageKey> } = {}) {
  const t = useT();
  const notice = useNotice();
  const key = texts[notice ?? ""];
  const ref = useRef<HTMLDivElement>(null);
  useFocusIfLost(ref, { key });
  if (!key) return null;
  const text = t(key);
  return (
    <div ref={ref} tabIndex={-1} role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {text}
    </div>
  );
}

export function RecordHeader({
  kicker,
  title,
  badges,
  actions,
  archived,
}: {
  kicker: ReactNode;
  title: string;
  badges?: ReactNode;
  actions?: ReactNode;
  archived?: boolean;
}) {
  const t = useT();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-slate-600">{kicker}</p>
          <h1 className="break-words text-2xl font-bold">{title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            {archived ? <Badge tone="amber">{t("common.record.archived")}</Badge> : null}
            {badges}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">{actions}</div>
      </div>
    </div>
  );
}

export function ActionLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
      {children}
    </Link>
  );
}

/** Archive / restore, and delete behind a second confirmation (works without JavaScript). */
export function LifecycleActions({ archived, canDelete = true, action }: { archived: boolean; canDelete?: boolean; action?: string }) {
  const t = useT();
  return (
    <div className="flex flex-wrap items-start gap-2">
      <Form method="post" action={action}>
        <button
          type="submit"
          name="intent"
          value={archived ? "restore" : "archive"}
          className="min-h-[2.5rem] rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          {archived ? t("common.record.restore") : t("common.record.archive")}
        </button>
      </Form>
      {canDelete ? (
        <details className="relative">
          <summary className="min-h-[2.5rem] cursor-pointer list-none rounded-md px-4 py-2 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50">
            {t("common.record.delete")}
          </summary>
          <Form method="post" action={action} className="absolute left-0 z-10 mt-2 w-72 sm:left-auto sm:right-0 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
            <p>{t("common.record.deleteConfirm")}</p>
            <button type="submit" name="intent" value="delete" className="mt-2 min-h-[2.5rem] rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
              {t("common.record.deletePermanently")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        <div className="flex gap-2">{actions}</div>
      </div>
      {children}
    </section>
  );
}

export function Facts({ items }: { items: [string, ReactNode][] }) {
  const t = useT();
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-600">{label}</dt>
          <dd className="mt-0.5 break-words break-keep font-medium text-slate-900">{value === null || value === undefined || value === "" ? t("common.none") : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LinkedList({ items, empty }: { items: { to: string; title: string; meta?: ReactNode; archived?: boolean }[]; empty: string }) {
  const t = useT();
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((item) => (
        <li key={item.to} className="py-2 text-sm">
          <Link to={item.to} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {item.title}
          </Link>
          {item.archived ? <span className="ml-2"><Badge tone="amber">{t("common.record.archived")}</Badge></span> : null}
          {item.meta ? <div className="text-slate-600">{item.meta}</div> : null}
        </li>
      ))}
    </ul>
  );
}

export type HistoryItem = {
  id: string;
  at: string;
  actorEmail: string | null;
  action: string;
  changes: Record<string, unknown> | null;
  /** The record's type: coded values show as their labels in the reader's language. */
  entityType?: string;
};

const ACTION_TEXT: Record<string, MessageKey> = {
  create: "common.history.create",
  update: "common.history.update",
  archive: "common.history.archive",
  restore: "common.history.restore",
  delete: "common.history.delete",
  acknowledge: "common.history.acknowledge",
  comment: "common.history.comment",
  download: "common.history.download",
};

function show(t: Translator, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("common.value.empty");
  if (Array.isArray(value)) return value.length ? value.join(", ") : t("common.value.none");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * A record's audit trail. `labels` names the fields (field -> label): plain
 * text, a message key ("activities.field.title") or an encoded message.
 */
export function HistoryList({ items, labels }: { items: HistoryItem[]; labels: Record<string, string> }) {
  const t = useT();
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("common.history.none")}</p>;
  return (
    <ol className="space-y-3 text-sm">
      {items.map((e) => {
        const key = ACTION_TEXT[e.action];
        const sentence = key ? t(key) : t("common.history.other", { action: e.action });
        return (
          <li key={e.id} className="border-l-2 border-slate-200 pl-3">
            <p>
              {withNodes(sentence, {
                who: <span className="font-medium">{e.actorEmail ?? t("common.history.system")}</span>,
                time: <time dateTime={e.at}>{formatUtcDateTime(e.at, t.locale)}</time>,
              })}
            </p>
            {e.action === "update" && e.changes ? (
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {Object.entries(e.changes).map(([field, change]) => {
                  const c = change as { before: unknown; after: unknown };
                  return (
                    <li key={field}>
                      {labels[field] ? fieldLabel(t, labels[field]) : field}:{" "}
                      <del className="text-slate-500">{show(t, recordValueLabel(e.entityType, field, c.before, t))}</del> →{" "}
                      <ins className="no-underline">{show(t, recordValueLabel(e.entityType, field, c.after, t))}</ins>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
