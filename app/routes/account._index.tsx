import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { endOtherSessions, listSessions } from "~/auth/session.server";
import { Badge, Card } from "~/components/ui/card";
import { recordAudit } from "~/models/audit.server";
import { getMfaOverview } from "~/models/mfa.server";
import { getAccountScope } from "~/models/user.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Your account · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireUser(request);
  const [mfa, sessions, scope] = await Promise.all([getMfaOverview(user), listSessions(user.id), getAccountScope(user)]);
  return json({
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
  const { user, sessionId } = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "end-other-sessions") return json({ formError: "Unknown action." }, { status: 400 });
  const ended = await endOtherSessions(user.id, sessionId);
  await recordAudit({
    actor: { id: user.id, email: user.email },
    action: "sign_out_others",
    entityType: "User",
    entityId: user.id,
    metadata: { ended },
    ip: context.clientIp,
  });
  throw redirect(`/account?ended=${ended}`);
}

function describeAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
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
  return browser && system ? `${browser} on ${system}` : userAgent.slice(0, 80);
}

export default function Account() {
  const { user, scope, mfa, sessions } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const ended = params.get("ended");
  const others = sessions.filter((s) => !s.current).length;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      {params.get("mfa") === "off" ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          Multi-factor sign-in is off. Your password alone now signs you in.
        </div>
      ) : null}
      {ended !== null ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {ended === "1" ? "1 other session was signed out." : `${Number(ended) || 0} other sessions were signed out.`}
        </div>
      ) : null}

      <Card title="Profile">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Name</dt>
            <dd className="mt-0.5 font-medium text-slate-900">{user.name}</dd>
          </div>
          <div>
            <dt className="text-slate-600">E-mail address</dt>
            <dd className="mt-0.5 break-all font-medium text-slate-900">{user.email}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Role</dt>
            <dd className="mt-0.5 font-medium text-slate-900">{ROLE_LABELS[user.role]}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{scope.label}</dt>
            <dd className="mt-0.5 font-medium text-slate-900">{scope.items.length ? scope.items.join(", ") : "None assigned"}</dd>
          </div>
        </dl>
        <p className="mt-4 text-sm">
          <Link to="/account/password" className="font-medium text-brand-700 underline hover:text-brand-800">
            Change your password
          </Link>
        </p>
      </Card>

      <Card
        title={
          <span className="flex items-center gap-2">
            Multi-factor sign-in <Badge tone={mfa.enabled ? "green" : mfa.required ? "amber" : "slate"}>{mfa.enabled ? "On" : "Off"}</Badge>
          </span>
        }
      >
        {mfa.enabled ? (
          <>
            <p className="text-sm text-slate-800">
              On since {formatDate(mfa.enabledAt)}. {mfa.recoveryCodesLeft === 1 ? "1 recovery code left." : `${mfa.recoveryCodesLeft} recovery codes left.`}
            </p>
            <p className="mt-3 flex flex-wrap gap-4 text-sm">
              <Link to="/account/mfa" className="font-medium text-brand-700 underline hover:text-brand-800">
                Make new recovery codes
              </Link>
              {mfa.required ? null : (
                <Link to="/account/mfa" className="font-medium text-brand-700 underline hover:text-brand-800">
                  Turn off multi-factor sign-in
                </Link>
              )}
            </p>
            {mfa.required ? <p className="mt-2 text-sm text-slate-600">Required for your role.</p> : null}
          </>
        ) : (
          <>
            <p className="text-sm text-slate-800">
              A code from an authenticator app on your phone, asked after your password, keeps your account safe even if your password
              is stolen.
            </p>
            <p className="mt-3 text-sm">
              <Link to="/account/mfa" className="font-medium text-brand-700 underline hover:text-brand-800">
                Turn on multi-factor sign-in
              </Link>
            </p>
          </>
        )}
        {user.isDemo ? (
          <p className="mt-3 text-sm text-slate-600">
            This is a demo account: it is exempt from the multi-factor requirement so that anyone can try the demo.
          </p>
        ) : null}
      </Card>

      <Card title="Where you are signed in">
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Browser
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Address
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Signed in
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 last:border-0">
                  <td className="py-2 pr-4">
                    <span title={s.userAgent ?? undefined}>{describeAgent(s.userAgent)}</span>
                    {s.current ? <span className="ml-2"><Badge tone="blue">This browser</Badge></span> : null}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs">{s.ip ?? "—"}</td>
                  <td className="py-2 pr-4">{s.createdAt ? new Date(s.createdAt).toUTCString().replace(" GMT", " UTC") : "—"}</td>
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
                Sign out of the other {others === 1 ? "session" : `${others} sessions`}
              </button>
            </Form>
          ) : null}
          <Form method="post" action="/sign-out">
            <input type="hidden" name="everywhere" value="1" />
            <button
              type="submit"
              className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50"
            >
              Sign out everywhere, including here
            </button>
          </Form>
        </div>
      </Card>
    </div>
  );
}
