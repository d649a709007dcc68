import { formatUtcDateTime } from "~/utils/format";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { endOtherSessions, listSessions } from "~/auth/session.server";
import { writeContext } from "~/auth/write-context.server";
import { Badge, Card } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message, type Translator } from "~/i18n/translate";
import { recordAudit } from "~/models/audit.server";
import { auditSource } from "~/models/ctx.server";
import { getMfaOverview } from "~/models/mfa.server";
import { getAccountScope } from "~/models/user.server";
import { useClearLocalCopyOnSubmit } from "~/offline/sign-out";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Your account · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireUser(request);
  const [mfa, sessions, scope, t] = await Promise.all([getMfaOverview(user), listSessions(user.id), getAccountScope(user), requestTranslator(request)]);
  return json({
    title: t("auth.account.metaTitle"),
    user: { name: user.name, email: user.email, role: user.role, isDemo: user.isDemo },
    scope,
    mfa,
    sessions: sessions.map((s) => ({
      id: s.id === sessionId ? "current" : String(sessions.indexOf(s)),
      current: s.id === sessionId,
      createdAt: s.createdAt?.toISOString() ?? null,
      ip: s.ip,
      userAgent: s.userAgent,
    })),
  });
}

// "Sign out everywhere" (all sessions, this one too) posts to /sign-out.
// This action ends the *other* sessions and keeps this one.
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context);
  const { user, sessionId } = ctx.viewer;
  const form = await request.formData();
  if (form.get("intent") !== "end-other-sessions") return json({ formError: message("auth.account.unknownAction") }, { status: 400 });
  const ended = await endOtherSessions(user.id, sessionId);
  await recordAudit({
    ...auditSource(ctx),
    action: "sign_out_others",
    entityType: "User",
    entityId: user.id,
    metadata: { ended },
  });
  throw redirect(`/account?ended=${ended}`);
}

function describeAgent(t: Translator, userAgent: string | null): string {
  if (!userAgent) return t("auth.account.unknownBrowser");
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return browser && system ? t("auth.account.browserOn", { browser, system }) : userAgent.slice(0, 80);
}


export default function Account() {
  const { user, scope, mfa, sessions } = useLoaderData<typeof loader>();
  const t = useT();
  const clearOnSignOut = useClearLocalCopyOnSubmit();
  const fmt = useFormat();
  const scopeLabel =
    scope.kind === "all"
      ? t("auth.account.scopeAccess")
      : scope.kind === "countries"
        ? t("auth.account.scopeCountries", { count: scope.codes.length })
        : t("auth.account.scopeOrganisations", { count: scope.names.length });
  const scopeItems =
    scope.kind === "all" ? [t("auth.account.allProgrammes")] : scope.kind === "countries" ? scope.codes.map((c) => t.label("country", c)) : scope.names;
  const [params] = useSearchParams();
  const ended = params.get("ended");
  const others = sessions.filter((s) => !s.current).length;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">{t("auth.account.title")}</h1>
      {params.get("mfa") === "off" ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("auth.account.mfaOff")}
        </div>
      ) : null}
      {ended !== null ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("auth.account.ended", { count: Number(ended) || 0 })}
        </div>
      ) : null}

      <Card title={t("auth.account.profile")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("auth.account.name")}</dt>
            <dd className="mt-0.5 font-medium text-slate-900">{user.name}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("auth.account.email")}</dt>
            <dd className="mt-0.5 break-all font-medium text-slate-900">{user.email}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("auth.account.role")}</dt>
            <dd className="mt-0.5 font-medium text-slate-900">{t.label("role", user.role)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{scopeLabel}</dt>
            <dd className="mt-0.5 font-medium text-slate-900">{scopeItems.length ? scopeItems.join(", ") : t("auth.account.noneAssigned")}</dd>
          </div>
        </dl>
        <p className="mt-4 text-sm">
          <Link to="/account/password" className="font-medium text-brand-700 underline hover:text-brand-800">
            {t("auth.account.changePassword")}
          </Link>
          {" · "}<Link to="/account/notifications" className="font-medium text-brand-700 underline hover:text-brand-800">{t("notifications.prefs.link")}</Link>
        </p>
        <p className="mt-2 text-sm"><Link to="/account/calendar" className="font-medium text-brand-700 underline hover:text-brand-800">{t("calendarFeed.accountLink")}</Link>{" · "}<Link to="/account/tokens" className="font-medium text-brand-700 underline hover:text-brand-800">{t("api.tokens.accountLink")}</Link></p>
      </Card>

      <Card
        title={
          <span className="flex items-center gap-2">
            {t("auth.account.mfa")}{" "}
            <Badge tone={mfa.enabled ? "green" : mfa.required ? "amber" : "slate"}>{mfa.enabled ? t("auth.account.on") : t("auth.account.off")}</Badge>
          </span>
        }
      >
        {mfa.enabled ? (
          <>
            <p className="text-sm text-slate-800">
              {t("auth.account.onSince", { date: fmt.date(mfa.enabledAt) })} {t("auth.mfa.codesLeft", { count: mfa.recoveryCodesLeft })}
            </p>
            <p className="mt-3 flex flex-wrap gap-4 text-sm">
              <Link to="/account/mfa" className="font-medium text-brand-700 underline hover:text-brand-800">
                {t("auth.mfaPage.makeNew")}
              </Link>
              {mfa.required ? null : (
                <Link to="/account/mfa" className="font-medium text-brand-700 underline hover:text-brand-800">
                  {t("auth.mfaPage.turnOff")}
                </Link>
              )}
            </p>
            {mfa.required ? <p className="mt-2 text-sm text-slate-600">{t("auth.account.required")}</p> : null}
          </>
        ) : (
          <>
            <p className="text-sm text-slate-800">{t("auth.account.mfaPitch")}</p>
            <p className="mt-3 text-sm">
              <Link to="/account/mfa" className="font-medium text-brand-700 underline hover:text-brand-800">
                {t("auth.mfaPage.turnOn")}
              </Link>
            </p>
          </>
        )}
        {user.isDemo ? (
          <p className="mt-3 text-sm text-slate-600">{t("auth.account.demo")}</p>
        ) : null}
      </Card>

      <Card title={t("auth.account.sessions")}>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("auth.account.browser")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("auth.account.address")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("auth.account.signedIn")}
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 last:border-0">
                  <td className="py-2 pr-4">
                    <span title={s.userAgent ?? undefined}>{describeAgent(t, s.userAgent)}</span>
                    {s.current ? <span className="ml-2"><Badge tone="blue">{t("auth.account.thisBrowser")}</Badge></span> : null}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs">{s.ip ?? "—"}</td>
                  <td className="py-2 pr-4">{formatUtcDateTime(s.createdAt, t.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-4 flex flex-wrap gap-3">
          {others > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="end-other-sessions" />
              <button
                type="submit"
                className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                {t("auth.account.signOutOthers", { count: others })}
              </button>
            </Form>
          ) : null}
          <Form method="post" action="/sign-out" onSubmit={clearOnSignOut}>
            <input type="hidden" name="everywhere" value="1" />
            <button
              type="submit"
              className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50"
            >
              {t("auth.account.signOutEverywhere")}
            </button>
          </Form>
        </div>
      </Card>
    </div>
  );
}
