import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { EventList } from "~/components/admin/event-list";
import { formatDateTime } from "~/components/admin/user-columns";
import { ActionLink, Facts, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { resetMfa } from "~/models/mfa.server";
import { requireUserRecord, resendInvitation, revokeInvitation, setUserActive } from "~/models/user-admin.server";
import { runAction } from "~/utils/action.server";
import { USER_STATUS_LABELS } from "~/utils/labels-admin";
import { publicOrigin } from "~/utils/mail.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.record.name || data?.record.email || "User"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request);
  const record = await requireUserRecord(params.id ?? "");
  return json({ record, self: record.kind === "user" && record.id === user.id });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request);
  const record = await requireUserRecord(params.id ?? "");
  const actor = { id: user.id, email: user.email };
  const intent = (await request.formData()).get("intent");
  const refused = (response: Response) => response;
  if (record.kind === "user" && (intent === "deactivate" || intent === "reactivate")) {
    const result = await runAction({}, {}, () => setUserActive(actor, record.id, intent === "reactivate", context.clientIp));
    if (!result.ok) return refused(result.response);
    throw redirect(`/admin/users/${record.id}?notice=${intent === "deactivate" ? "deactivated" : "reactivated"}`);
  }
  // For someone who lost their authenticator and their recovery codes: they
  // enrol again at their next sign-in. An admin resets only other accounts.
  if (record.kind === "user" && intent === "reset-mfa" && record.id !== user.id && record.mfaEnabledAt) {
    await resetMfa(actor, record.id, context.clientIp);
    throw redirect(`/admin/users/${record.id}?notice=mfa-reset`);
  }
  if (record.kind === "invitation" && intent === "resend") {
    const result = await runAction({}, {}, () => resendInvitation(actor, record.id, context.clientIp, publicOrigin(request)));
    if (!result.ok) return refused(result.response);
    throw redirect(`/admin/users/${result.result.id}?notice=${result.result.mailed ? "resent" : "invite-unsent"}`);
  }
  if (record.kind === "invitation" && intent === "revoke") {
    await revokeInvitation(actor, record.id, context.clientIp);
    throw redirect("/admin/users?notice=revoked");
  }
  return json({ formError: "Unknown action.", errors: {} as Record<string, string> }, { status: 400 });
}

const NOTICES: Record<string, string> = {
  invited: "Invitation sent. The link works once, for 7 days.",
  resent: "A new link has been sent; the earlier one no longer works.",
  "invite-unsent": "The invitation was saved but the e-mail could not be sent. Check the mail settings and send the link again.",
  deactivated: "Account deactivated. Its sessions have ended; it can no longer sign in.",
  reactivated: "Account reactivated. The user can sign in again.",
  saved: "Role and scope saved. The user's sessions have ended, so the new access applies from their next sign-in.",
  unchanged: "Nothing changed.",
  "mfa-reset": "Two-step sign-in reset. The user's sessions have ended; they set up an authenticator again when they next sign in (required for staff and administrators).",
};

const button =
  "min-h-[2.5rem] rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

export default function UserRecordPage() {
  const { record: r, self } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null; errors?: Record<string, string> }>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  const refusal = actionData?.formError ?? Object.values(actionData?.errors ?? {})[0];
  const tone = r.status === "ACTIVE" ? "green" : r.status === "DEACTIVATED" ? "red" : r.status === "INVITED" ? "blue" : "amber";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/users" className="text-brand-700 underline">
          ← All users
        </Link>
      </p>
      {notice ? (
        <div role="status" className={`rounded-md border p-3 text-sm ${params.get("notice") === "invite-unsent" ? "border-amber-400 bg-amber-50 text-amber-950" : "border-green-300 bg-green-50 text-green-900"}`}>
          {notice}
        </div>
      ) : null}
      {refusal ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {refusal}
        </div>
      ) : null}
      <RecordHeader
        kicker={r.kind === "user" ? "User account" : "Pending invitation"}
        title={r.name || r.email}
        badges={
          <>
            <Badge tone={tone}>{USER_STATUS_LABELS[r.status]}</Badge>
            <Badge>{ROLE_LABELS[r.role]}</Badge>
          </>
        }
        actions={
          r.kind === "user" ? (
            <>
              <ActionLink to={`/admin/users/${r.id}/edit`}>Change role or scope</ActionLink>
              {self ? null : (
                <Form method="post">
                  <button type="submit" name="intent" value={r.deactivatedAt ? "reactivate" : "deactivate"} className={button}>
                    {r.deactivatedAt ? "Reactivate" : "Deactivate"}
                  </button>
                </Form>
              )}
              {self || !r.mfaEnabledAt ? null : (
                <Form method="post">
                  <button type="submit" name="intent" value="reset-mfa" className={button}>
                    Reset two-step sign-in
                  </button>
                </Form>
              )}
            </>
          ) : (
            <>
              <Form method="post">
                <button type="submit" name="intent" value="resend" className={button}>
                  Send the link again
                </button>
              </Form>
              <Form method="post">
                <button type="submit" name="intent" value="revoke" className={`${button} text-red-800 ring-red-300`}>
                  Revoke the invitation
                </button>
              </Form>
            </>
          )
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title="Account">
          {r.kind === "user" ? (
            <Facts
              items={[
                ["E-mail", r.email],
                ["Role", ROLE_LABELS[r.role]],
                [
                  "Scope",
                  r.role === "PARTNER"
                    ? r.countries.map((c) => c.name).join(", ") || "No countries"
                    : r.role === "DONOR"
                      ? r.organisations.map((o) => o.name).join(", ") || "No organisations"
                      : "Everything",
                ],
                ["Two-step sign-in", r.mfaEnabledAt ? `On since ${formatDateTime(r.mfaEnabledAt)}` : "Off"],
                ["Last sign-in", r.lastSignInAt ? formatDateTime(r.lastSignInAt) : "Never"],
                ["Open sessions", String(r.sessions)],
                ["Account created", formatDateTime(r.createdAt)],
                ["Invited by", r.invitedBy ?? "—"],
                ["Deactivated", r.deactivatedAt ? formatDateTime(r.deactivatedAt) : "—"],
              ]}
            />
          ) : (
            <Facts
              items={[
                ["E-mail", r.email],
                ["Role", ROLE_LABELS[r.role]],
                ["Scope", r.role === "ADMIN" || r.role === "STAFF" ? "Everything" : r.scope.join(", ") || "Nothing"],
                ["Invited by", r.invitedBy ?? "—"],
                ["Invited", formatDateTime(r.createdAt)],
                ["Link valid until", formatDateTime(r.expiresAt)],
              ]}
            />
          )}
          {self ? <p className="mt-4 text-sm text-slate-600">This is your own account: another administrator must change its role or deactivate it.</p> : null}
        </Section>
        <Section title="History">
          <EventList items={r.history} empty="Nothing recorded yet." />
          {r.kind === "user" ? (
            <p className="mt-4 text-sm">
              <Link to={`/admin/audit?actor=${encodeURIComponent(r.email)}`} className="text-brand-700 underline">
                Everything this user did, in the audit trail
              </Link>
            </p>
          ) : null}
        </Section>
      </div>
    </div>
  );
}
