import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { listInbox, markInboxRead } from "~/notifications/inbox.server";
import { notificationText } from "~/notifications/kinds";
import { redirectWithNotice } from "~/utils/flash.server";
import { useNotice } from "~/utils/notice";

// The signed-in user's inbox (every role): newest first, unread marked, one
// link per entry (/inbox/<id> marks it read and goes to the record), and
// "mark all as read". The text is written here, in the reader's language.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Inbox · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const [inbox, t] = await Promise.all([listInbox(user.id, page), requestTranslator(request)]);
  return json({ title: t("notifications.inbox.metaTitle"), ...inbox });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "mark-all-read") {
    const t = await requestTranslator(request);
    return json({ formError: t("notifications.inbox.unknownAction") }, { status: 400 });
  }
  await markInboxRead(user.id);
  throw await redirectWithNotice("/inbox", "all-read");
}

export default function Inbox() {
  const { items, unread, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const notice = useNotice();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("notifications.inbox.title")}</h1>
        <Link to="/account/notifications" className="text-sm text-brand-700 underline">
          {t("notifications.inbox.preferences")}
        </Link>
      </div>
      {notice === "all-read" ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("notifications.inbox.allMarked")}
        </div>
      ) : null}
      <p className="text-slate-700">{t("notifications.inbox.intro")}</p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm font-medium">{unread ? t("notifications.inbox.unreadCount", { count: unread }) : t("notifications.inbox.unreadCount", { count: 0 })}</p>
        {unread ? (
          <Form method="post">
            <button type="submit" name="intent" value="mark-all-read" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
              {t("notifications.inbox.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">{t("notifications.inbox.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("notifications.inbox.title")}>
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start gap-3 p-4 ${n.readAt ? "" : "bg-blue-50"}`}>
              <div className="min-w-0 flex-1">
                {/* A whole-page load: the header's unread count is read again. */}
                <Link to={`/inbox/${n.id}`} reloadDocument className={`text-brand-800 underline-offset-2 hover:underline ${n.readAt ? "" : "font-semibold"}`}>
                  {notificationText(t, n.kind, n.params)}
                </Link>
                <p className="mt-1 text-xs text-slate-600">{fmt.dateTime(n.createdAt)}</p>
              </div>
              {n.readAt ? null : <Badge tone="blue">{t("notifications.inbox.unread")}</Badge>}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="flex items-center justify-between text-sm" aria-label={t("notifications.inbox.page", { page, pages })}>
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} className="text-brand-700 underline">
              {t("notifications.inbox.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("notifications.inbox.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={`?page=${page + 1}`} className="text-brand-700 underline">
              {t("notifications.inbox.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
