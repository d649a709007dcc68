import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { homePathFor } from "~/auth/auth.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { rotateSession } from "~/auth/session.server";
import { LinkGone } from "~/components/account/link-gone";
import { AccountCard, NewPasswordFields } from "~/components/account/password-form";
import { TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { acceptInvitation, openInvitation } from "~/models/account.server";
import { AcceptInvitationFormSchema, withoutSecrets } from "~/schemas/account";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Accept your invitation · Concord" }];

// The token is in the path: never cache the page, never send it to another site as a referrer ("no-referrer" would also blank the Origin of our own form posts, which the server refuses).
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ params }: LoaderFunctionArgs) {
  const opened = await openInvitation(params.token ?? "");
  if (opened.state !== "valid") return json({ state: opened.state, invitation: null }, { status: opened.state === "unknown" ? 404 : 410, headers: PRIVATE });
  return json({ state: "valid" as const, invitation: opened.invitation }, { headers: PRIVATE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, AcceptInvitationFormSchema);
  if (!form.ok) return invalid(form.errors, withoutSecrets(form.values));
  const result = await runAction(withoutSecrets(form.values), {}, () => acceptInvitation(params.token ?? "", form.data, context.clientIp));
  if (!result.ok) return result.response;
  if (!result.result.ok) {
    const state = result.result.state;
    return json({ state, errors: {}, values: {}, formError: null, conflict: null }, { status: state === "unknown" ? 404 : 410 });
  }
  const user = result.result.user;
  // A new session (any the browser had ends). Admin and staff are sent on to set up two-step sign-in by requireUser.
  const { cookie } = await rotateSession(request, user.id, { ip: context.clientIp, userAgent: request.headers.get("User-Agent") }, false);
  throw redirect(homePathFor(user.role), { headers: { "Set-Cookie": cookie } });
}

export default function AcceptInvitation() {
  const { state, invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const gone = actionData && "state" in actionData ? actionData.state : state !== "valid" ? state : null;
  if (gone && gone !== "valid") return <LinkGone kind="invitation" state={gone} />;
  if (!invitation) return null;
  const scope = invitation.role === "PARTNER" ? invitation.countries : invitation.role === "DONOR" ? invitation.organisations : [];
  return (
    <AccountCard
      title="Welcome to Concord"
      intro={
        <>
          <p>
            {invitation.invitedBy ?? "An administrator"} has invited <strong>{invitation.email}</strong> as{" "}
            <strong>{ROLE_LABELS[invitation.role]}</strong>
            {scope.length ? (
              <>
                {" "}
                for <strong>{scope.join(", ")}</strong>
              </>
            ) : null}
            .
          </p>
          <p>Choose your password to accept. This link works once, until {new Date(invitation.expiresAt).toUTCString().replace(" GMT", " UTC")}.</p>
        </>
      }
    >
      <ZodForm schema={AcceptInvitationFormSchema} defaults={{ name: invitation.name }} actionData={actionData} className="space-y-4">
        {/* Lets password managers save the new password under the right address. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <TextInput name="name" label="Your name" required />
        <NewPasswordFields label="Choose a password" />
        <SubmitButton>Accept and sign in</SubmitButton>
      </ZodForm>
    </AccountCard>
  );
}
