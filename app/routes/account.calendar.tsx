import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { requireUser } from "~/auth/auth.server";
import { contextOf, writeContext } from "~/auth/write-context.server";
import { Notice } from "~/components/records/record-parts";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { useFormat, useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestLocale, requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import {
  createPersonalFeed,
  createProgrammeFeed,
  findFeedProgramme,
  listCalendarFeeds,
  regenerateFeed,
  revokeFeed,
  type NewCalendarFeed,
} from "~/models/calendar-feed.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

// /account/calendar: the viewer's private calendar feeds (issue 18, point 7).
// A new address is in the action's answer only, shown once: it never travels
// in a redirect, a cookie or a later page, and only its hash is stored.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Calendar feeds · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const ctx = contextOf(viewer, context);
  const code = new URL(request.url).searchParams.get("programme") ?? "";
  const [feeds, offer, locale, t] = await Promise.all([
    listCalendarFeeds(ctx),
    findFeedProgramme(viewer.scope, code),
    requestLocale(request),
    requestTranslator(request),
  ]);
  return json({
    title: t("calendarFeed.metaTitle"),
    feeds: inReaderLanguage(feeds, locale),
    // Staff arriving from a programme's page ("Calendar feed of this programme").
    offer: offer && inReaderLanguage({ code: offer.code, title: offer.title, lang: offer.lang, translations: offer.translations }, locale),
  });
});

type ActionData = { created?: NewCalendarFeed; formError?: string };

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  const feedId = String(form.get("feedId") ?? "");
  const locale = await requestLocale(request);
  const shown = (created: NewCalendarFeed) => json<ActionData>({ created: inReaderLanguage(created, locale) });
  switch (intent) {
    case "create-personal":
      return shown(await createPersonalFeed(ctx));
    case "create-programme":
      return shown(await createProgrammeFeed(ctx, String(form.get("programme") ?? "")));
    case "regenerate":
      return shown(await regenerateFeed(ctx, feedId));
    case "revoke":
      await revokeFeed(ctx, feedId);
      throw await redirectWithNotice("/account/calendar", "calendar-revoked");
    default:
      return json<ActionData>({ formError: message("calendarFeed.unknownAction") }, { status: 400 });
  }
});

const smallButton =
  "min-h-[2.25rem] rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

export default function CalendarFeeds() {
  const { feeds, offer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const fmt = useFormat();
  const busy = useNavigation().state === "submitting";
  const personal = feeds.find((f) => !f.programme);
  const programmeFeeds = feeds.filter((f) => f.programme);
  const feedName = (f: (typeof feeds)[number]) => (f.programme ? `${f.programme.code} ${f.programme.title}` : t("calendarFeed.personalName"));

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to="/account" className="text-brand-700 underline">
          {t("calendarFeed.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("calendarFeed.title")}</h1>
      <p className="text-sm text-slate-700">{t("calendarFeed.intro")}</p>
      <Notice texts={{ "calendar-revoked": "calendarFeed.notice.revoked" }} />
      {actionData?.formError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {t.text(actionData.formError)}
        </div>
      ) : null}
      {actionData?.created ? <NewAddress feed={actionData.created} /> : null}

      {offer && !actionData?.created ? (
        <Card title={t("calendarFeed.createProgramme.title", { code: offer.code })}>
          <p className="text-sm text-slate-800">
            <span className="font-medium">{offer.title}</span>. {t("calendarFeed.createProgramme.text")}
          </p>
          <Form method="post" className="mt-3">
            <input type="hidden" name="programme" value={offer.code} />
            <Button type="submit" name="intent" value="create-programme" disabled={busy}>
              {t("calendarFeed.createProgramme.button")}
            </Button>
          </Form>
        </Card>
      ) : null}

      <Card title={t("calendarFeed.personal.title")}>
        {personal ? (
          <FeedTable feeds={[personal]} name={feedName} busy={busy} />
        ) : (
          <>
            <p className="text-sm text-slate-800">{t("calendarFeed.personal.none")}</p>
            <Form method="post" className="mt-3">
              <Button type="submit" name="intent" value="create-personal" disabled={busy}>
                {t("calendarFeed.personal.create")}
              </Button>
            </Form>
          </>
        )}
      </Card>

      {programmeFeeds.length > 0 || offer ? (
        <Card title={t("calendarFeed.programmes.title")}>
          {programmeFeeds.length ? (
            <FeedTable feeds={programmeFeeds} name={feedName} busy={busy} />
          ) : (
            <p className="text-sm text-slate-800">{t("calendarFeed.programmes.none")}</p>
          )}
        </Card>
      ) : null}
      <p className="text-xs text-slate-600">
        {t("calendarFeed.regenerateHint")} {t("calendarFeed.lastFetchedNote")}
      </p>
    </div>
  );
}

type FeedRow = SerializeFrom<typeof loader>["feeds"][number];

function FeedTable({ feeds: rows, name, busy: disabled }: { feeds: FeedRow[]; name: (f: FeedRow) => string; busy: boolean }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">{t("calendarFeed.col.feed")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("calendarFeed.col.created")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("calendarFeed.col.lastFetched")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("calendarFeed.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id} className="border-b border-slate-100 last:border-0">
              <td className="py-2 pr-4 font-medium">{name(f)}</td>
              <td className="py-2 pr-4">{fmt.dateTime(f.createdAt)}</td>
              <td className="py-2 pr-4">{f.lastFetchedAt ? fmt.dateTime(f.lastFetchedAt) : t("calendarFeed.never")}</td>
              <td className="py-2 pr-4">
                <Form method="post" className="flex flex-wrap gap-2">
                  <input type="hidden" name="feedId" value={f.id} />
                  <button type="submit" name="intent" value="regenerate" disabled={disabled} className={smallButton} aria-label={t("calendarFeed.regenerateLabel", { feed: name(f) })}>
                    {t("calendarFeed.regenerate")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="revoke"
                    disabled={disabled}
                    className={`${smallButton} text-red-800 ring-red-300 hover:bg-red-50`}
                    aria-label={t("calendarFeed.revokeLabel", { feed: name(f) })}
                  >
                    {t("calendarFeed.revoke")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The new address, once, with a copy button and how to subscribe. */
function NewAddress({ feed }: { feed: NewCalendarFeed }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setCopied(false), [feed.url]);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopied(true);
    } catch {
      // No clipboard permission (an insecure origin): the address is selected for Ctrl+C.
    }
  };
  return (
    <section aria-labelledby="new-feed-title" className="rounded-lg border border-brand-100 bg-brand-50 p-4 shadow-sm">
      <h2 id="new-feed-title" className="text-lg font-semibold text-slate-900">
        {feed.programme ? t("calendarFeed.new.titleProgramme", { code: feed.programme.code }) : t("calendarFeed.new.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-800">{t("calendarFeed.new.once")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="new-feed-url" className="sr-only">
          {t("calendarFeed.new.label")}
        </label>
        <input
          id="new-feed-url"
          ref={input}
          readOnly
          value={feed.url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
        />
        <Button variant="secondary" onClick={copy}>
          {copied ? t("calendarFeed.new.copied") : t("calendarFeed.new.copy")}
        </Button>
      </div>
      <h3 className="mt-4 text-sm font-semibold text-slate-900">{t("calendarFeed.howto.title")}</h3>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-800">
        <li>{t("calendarFeed.howto.outlook")}</li>
        <li>{t("calendarFeed.howto.google")}</li>
        <li>{t("calendarFeed.howto.apple")}</li>
      </ul>
    </section>
  );
}
