import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { homePathFor } from "~/auth/auth.server";
import { rotateSession } from "~/auth/session.server";
import { requestSource } from "~/auth/write-context.server";
import { LinkGone } from "~/components/account/link-gone";
import { AccountCard, NewPasswordFields } from "~/components/account/password-form";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { openPasswordReset, resetPassword } from "~/models/account.server";
import { NewPasswordFormSchema } from "~/schemas/account";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Choose a new password · Concord" }];

// The token is in the path: never cache the page, never send it to another site as a referrer ("no-referrer" would also blank the Origin of our own form posts, which the server refuses).
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [opened, t] = await Promise.all([openPasswordReset(params.token ?? ""), requestTranslator(request)]);
  const title = t("auth.reset.metaTitle");
  if (opened.state !== "valid") return json({ title, state: opened.state, email: null }, { status: opened.state === "unknown" ? 404 : 410, headers: PRIVATE });
  return json({ title, state: "valid" as const, email: opened.email }, { headers: PRIVATE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const source = requestSource(context);
  const form = await parseForm(request, NewPasswordFormSchema);
  if (!form.ok) return invalid(form.errors, {});
  const result = await runAction({}, {}, () => resetPassword(params.token ?? "", form.data.password, source));
  if (!result.ok) return result.response;
  if (!result.result.ok) {
    const state = result.result.state;
    return json({ state, errors: {}, values: {}, formError: null, conflict: null }, { status: state === "unknown" ? 404 : 410 });
  }
  const user = result.result.user;
  // Every earlier session has ended; this browser starts a fresh one. It has
  // not given a second factor: an account with two-step sign-in is asked for
  // its code before anything else (requireUser).
  const { cookie } = await rotateSession(request, user.id, source, false);
  throw redirect(homePathFor(user.role), { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { state, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const gone = actionData && "state" in actionData && actionData.state !== "valid" ? actionData.state : state !== "valid" ? state : null;
  if (gone && gone !== "valid") return <LinkGone kind="reset" state={gone} />;
  return (
    <AccountCard
      title={t("auth.reset.title")}
      intro={
        <p>
          {t("auth.reset.intro").split("{email}")[0]}
          <strong>{email}</strong>
          {t("auth.reset.intro").split("{email}")[1]}
        </p>
      }
    >
      <ZodForm schema={NewPasswordFormSchema} defaults={{}} actionData={actionData} className="space-y-4">
        <input type="email" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
        <NewPasswordFields />
        <SubmitButton>{t("auth.reset.submit")}</SubmitButton>
      </ZodForm>
    </AccountCard>
  );
}
