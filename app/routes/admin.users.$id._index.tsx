import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { EventList } from "~/components/admin/event-list";
import { ActionLink, Facts, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { requestLocale, requestTranslator } from "~/i18n/request.server";
import { message, type MessageKey } from "~/i18n/translate";
import { resetMfa } from "~/models/mfa.server";
import { requireUserRecord, resendInvitation, revokeInvitation, setUserActive } from "~/models/user-admin.server";
import { runAction } from "~/utils/action.server";
import { publicOrigin } from "~/utils/env.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "User · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request);
  const [record, t] = await Promise.all([requireUserRecord(params.id ?? ""), requestTranslator(request)]);
  const title = `${record.name || record.email || t("admin.user.fallbackTitle")} · Concord`;
  return json({ record, self: record.kind === "user" && record.id === user.id, title });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const { user } = ctx.viewer;
  const record = await requireUserRecord(params.id ?? "");
  const intent = (await request.formData()).get("intent");
  const refused = (response: Response) => response;
  if (record.kind === "user" && (intent === "deactivate" || intent === "reactivate")) {
    const result = await runAction({}, {}, () => setUserActive(ctx, record.id, intent === "reactivate"));
    if (!result.ok) return refused(result.response);
    throw await redirectWithNotice(`/admin/users/${record.id}`, intent === "deactivate" ? "deactivated" : "reactivated");
  }
  // For someone who lost their authenticator and their recovery codes: they
  // enrol again at their next sign-in. An admin resets only other accounts.
  if (record.kind === "user" && intent === "reset-mfa" && record.id !== user.id && record.mfaEnabledAt) {
    await resetMfa(ctx, record.id);
    throw await redirectWithNotice(`/admin/users/${record.id}`, "mfa-reset");
  }
  if (record.kind === "invitation" && intent === "resend") {
    // The invitee has no account yet: the mail goes out in this administrator's language.
    const locale = await requestLocale(request);
    const result = await runAction({}, {}, () => resendInvitation(ctx, record.id, publicOrigin(), locale));
    if (!result.ok) return refused(result.response);
    throw await redirectWithNotice(`/admin/users/${result.result.id}`, "resent");
  }
  if (record.kind === "invitation" && intent === "revoke") {
    await revokeInvitation(ctx, record.id);
    throw await redirectWithNotice("/admin/users", "revoked");
  }
  return json({ formError: message("admin.user.unknownAction"), errors: {} as Record<string, string> }, { status: 400 });
});

const NOTICES: Record<string, MessageKey> = {
  invited: "admin.notice.invited",
  resent: "admin.notice.resent",
  deactivated: "admin.notice.deactivated",
  reactivated: "admin.notice.reactivated",
  saved: "admin.notice.saved",
  unchanged: "admin.notice.unchanged",
  "mfa-reset": "admin.notice.mfaReset",
};

const button =
  "min-h-[2.5rem] rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

export default function UserRecordPage() {
  const { record: r, self } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const at = (value: string | null | undefined) => fmt.dateTime(value);
  const actionData = useActionData<{ formError?: string | null; errors?: Record<string, string> }>();
  const refusal = t.text(actionData?.formError ?? Object.values(actionData?.errors ?? {})[0]);
  const tone = r.status === "ACTIVE" ? "green" : r.status === "DEACTIVATED" ? "red" : r.status === "INVITED" ? "blue" : "amber";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/users" className="text-brand-700 underline">
          {t("admin.user.back")}
        </Link>
      </p>
      <Notice texts={NOTICES} />
      {refusal ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {refusal}
        </div>
      ) : null}
      <RecordHeader
        kicker={r.kind === "user" ? t("admin.user.kickerUser") : t("admin.user.kickerInvitation")}
        title={r.name || r.email}
        badges={
          <>
            <Badge tone={tone}>{t.label("userStatus", r.status)}</Badge>
            <Badge>{t.label("role", r.role)}</Badge>
          </>
        }
        actions={
          r.kind === "user" ? (
            <>
              <ActionLink to={`/admin/users/${r.id}/edit`}>{t("admin.user.changeAccess")}</ActionLink>
              {self ? null : (
                <Form method="post">
                  <button type="submit" name="intent" value={r.deactivatedAt ? "reactivate" : "deactivate"} className={button}>
                    {r.deactivatedAt ? t("admin.user.reactivate") : t("admin.user.deactivate")}
                  </button>
                </Form>
              )}
              {self || !r.mfaEnabledAt ? null : (
                <Form method="post">
                  <button type="submit" name="intent" value="reset-mfa" className={button}>
                    {t("admin.user.resetTwoStep")}
                  </button>
                </Form>
              )}
            </>
          ) : (
            <>
              <Form method="post">
                <button type="submit" name="intent" value="resend" className={button}>
                  {t("admin.user.resend")}
                </button>
              </Form>
              <Form method="post">
                <button type="submit" name="intent" value="revoke" className={`${button} text-red-800 ring-red-300`}>
                  {t("admin.user.revoke")}
                </button>
              </Form>
            </>
          )
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section title={t("admin.user.account")}>
          {r.kind === "user" ? (
            <Facts
              items={[
                [t("admin.fact.email"), r.email],
                [t("admin.fact.role"), t.label("role", r.role)],
                [
                  t("admin.fact.scope"),
                  r.role === "PARTNER"
                    ? r.countries.map((c) => t.label("country", c.code)).join(", ") || t("admin.scope.noCountries")
                    : r.role === "DONOR"
                      ? r.organisations.map((o) => o.name).join(", ") || t("admin.scope.noOrganisations")
                      : t("admin.scope.everything"),
                ],
                [t("admin.fact.mfa"), r.mfaEnabledAt ? t("admin.fact.mfaOnSince", { date: at(r.mfaEnabledAt) }) : t("admin.off")],
                [t("admin.fact.lastSignIn"), r.lastSignInAt ? at(r.lastSignInAt) : t("admin.never")],
                [t("admin.fact.sessions"), String(r.sessions)],
                [t("admin.fact.created"), at(r.createdAt)],
                [t("admin.fact.invitedBy"), r.invitedBy ?? "—"],
                [t("admin.fact.deactivated"), r.deactivatedAt ? at(r.deactivatedAt) : "—"],
              ]}
            />
          ) : (
            <Facts
              items={[
                [t("admin.fact.email"), r.email],
                [t("admin.fact.role"), t.label("role", r.role)],
                [t("admin.fact.scope"), r.role === "ADMIN" || r.role === "STAFF"
                    ? t("admin.scope.everything")
                    : [...r.countryCodes.map((c) => t.label("country", c)), ...r.organisations].join(", ") || t("admin.scope.nothing"),
                ],
                [t("admin.fact.invitedBy"), r.invitedBy ?? "—"],
                [t("admin.fact.invited"), at(r.createdAt)],
                [t("admin.fact.validUntil"), at(r.expiresAt)],
              ]}
            />
          )}
          {self ? <p className="mt-4 text-sm text-slate-600">{t("admin.user.self")}</p> : null}
        </Section>
        <Section title={t("admin.user.history")}>
          <EventList items={r.history} empty={t("admin.user.historyEmpty")} />
          {r.kind === "user" ? (
            <p className="mt-4 text-sm">
              <Link to={`/admin/audit?actor=${encodeURIComponent(r.email)}`} className="text-brand-700 underline">
                {t("admin.user.auditLink")}
              </Link>
            </p>
          ) : null}
        </Section>
      </div>
    </div>
  );
}
