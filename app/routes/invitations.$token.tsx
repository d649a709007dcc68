import { dateTimeFormat } from "~/i18n/intl";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { homePathFor } from "~/auth/auth.server";
import { rotateSession } from "~/auth/session.server";
import { requestSource } from "~/auth/write-context.server";
import { LinkGone } from "~/components/account/link-gone";
import { AccountCard, NewPasswordFields } from "~/components/account/password-form";
import { TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import type { Translator } from "~/i18n/translate";
import { acceptInvitation, openInvitation } from "~/models/account.server";
import { AcceptInvitationFormSchema, withoutSecrets } from "~/schemas/account";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Accept your invitation · Concord" }];

// The token is in the path: never cache the page, never send it to another site as a referrer ("no-referrer" would also blank the Origin of our own form posts, which the server refuses).
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [opened, t] = await Promise.all([openInvitation(params.token ?? ""), requestTranslator(request)]);
  const title = t("auth.invite.metaTitle");
  if (opened.state !== "valid") return json({ title, state: opened.state, invitation: null }, { status: opened.state === "unknown" ? 404 : 410, headers: PRIVATE });
  return json({ title, state: "valid" as const, invitation: opened.invitation }, { headers: PRIVATE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const source = requestSource(context);
  const form = await parseForm(request, AcceptInvitationFormSchema);
  if (!form.ok) return invalid(form.errors, withoutSecrets(form.values));
  const result = await runAction(withoutSecrets(form.values), {}, () => acceptInvitation(params.token ?? "", form.data, source));
  if (!result.ok) return result.response;
  if (!result.result.ok) {
    const state = result.result.state;
    return json({ state, errors: {}, values: {}, formError: null, conflict: null }, { status: state === "unknown" ? 404 : 410 });
  }
  const user = result.result.user;
  // A new session (any the browser had ends). Admin and staff are sent on to set up two-step sign-in by requireUser.
  const { cookie } = await rotateSession(request, user.id, source, false);
  throw redirect(homePathFor(user.role), { headers: { "Set-Cookie": cookie } });
}

export default function AcceptInvitation() {
  const { state, invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const gone = actionData && "state" in actionData ? actionData.state : state !== "valid" ? state : null;
  if (gone && gone !== "valid") return <LinkGone kind="invitation" state={gone} />;
  if (!invitation) return null;
  const scope =
    invitation.role === "PARTNER"
      ? invitation.countryCodes.map((code) => t.label("country", code))
      : invitation.role === "DONOR"
        ? invitation.organisations
        : [];
  return (
    <AccountCard
      title={t("auth.invite.title")}
      intro={
        <>
          <p>
            {rich(t(scope.length ? "auth.invite.invitedFor" : "auth.invite.invited"), {
              who: invitation.invitedBy ?? t("auth.invite.anAdministrator"),
              email: <strong>{invitation.email}</strong>,
              role: <strong>{t.label("role", invitation.role)}</strong>,
              scope: <strong>{scope.join(", ")}</strong>,
            })}
          </p>
          <p>{t("auth.invite.choose", { time: untilText(t, invitation.expiresAt) })}</p>
        </>
      }
    >
      <ZodForm schema={AcceptInvitationFormSchema} defaults={{ name: invitation.name }} actionData={actionData} className="space-y-4">
        {/* Lets password managers save the new password under the right address. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <TextInput name="name" label={t("auth.invite.yourName")} required />
        <NewPasswordFields label={t("auth.invite.choosePassword")} />
        <SubmitButton>{t("auth.invite.submit")}</SubmitButton>
      </ZodForm>
    </AccountCard>
  );
}

/** A translated sentence whose "{name}" places are filled with text or elements. */
function rich(text: string, parts: Record<string, React.ReactNode>): React.ReactNode[] {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? <Fragment key={i}>{parts[piece] ?? `{${piece}}`}</Fragment> : piece));
}

/** When the link stops working: as before in English, else in the reader's date format (UTC). */
function untilText(t: Translator, value: string | Date): string {
  const d = new Date(value);
  if (t.locale === "en") return d.toUTCString().replace(" GMT", " UTC");
  return `${dateTimeFormat(t.locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(d)} UTC`;
}
