import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { homePathFor, requireMfaStep, safeRedirectPath } from "~/auth/auth.server";
import { rotateSession } from "~/auth/session.server";
import { requestSource } from "~/auth/write-context.server";
import { MfaForm } from "~/components/account/mfa-form";
import { SignOutButton } from "~/components/account/mfa-parts";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { verifyRecoveryCodeSignIn, verifyTotpSignIn } from "~/models/mfa.server";
import { MfaCodeFormSchema, MfaRecoveryFormSchema, MfaStepFormSchema } from "~/schemas/mfa";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Enter your code · Concord" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// The second sign-in step, /sign-in/mfa ("sign-in_" keeps it out of the
// sign-in page's layout, whose loader sends signed-in sessions away). The
// session has given its password (see sign-in.tsx) and reaches nothing but
// this page and /sign-out until a code is accepted; then it is replaced by a
// new, verified session.

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireMfaStep(request);
  const url = new URL(request.url);
  const t = await requestTranslator(request);
  return json({
    title: t("auth.mfaStep.metaTitle"),
    email: user.email,
    method: url.searchParams.get("method") === "recovery" ? ("recovery" as const) : ("totp" as const),
    redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), homePathFor(user.role)),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireMfaStep(request);
  const parsed = await parseForm(request, MfaStepFormSchema);
  if (!parsed.ok) {
    // A union that fails on its discriminator reports "intent"; show the message at the field the user sees.
    const errors = parsed.errors.intent ? { code: message("auth.v.totpCode") } : parsed.errors;
    return invalid(errors, parsed.values);
  }
  const { data } = parsed;
  const destination = safeRedirectPath(data.redirectTo, homePathFor(user.role));
  // Not fully signed in yet (no second factor): the writes take the request's source, not a Ctx.
  const source = requestSource(context);

  if (data.intent === "totp") {
    const result = await verifyTotpSignIn(user, data.code, source);
    if (!result.ok) return invalid({ code: result.message }, parsed.values, undefined, result.reason === "rate_limited" ? 429 : 400);
    const { cookie } = await rotateSession(request, user.id, source, true);
    throw redirect(destination, { headers: { "Set-Cookie": cookie } });
  }

  const result = await verifyRecoveryCodeSignIn(user, data.recoveryCode, source);
  if (!result.ok) {
    return invalid({ recoveryCode: result.message }, parsed.values, undefined, result.reason === "rate_limited" ? 429 : 400);
  }
  const { cookie } = await rotateSession(request, user.id, source, true);
  // The MFA page says that a code is gone, how many are left, and offers new
  // ones, with a link on to where the user was going.
  throw redirect(`/account/mfa?${new URLSearchParams({ used: "recovery-code", redirectTo: destination })}`, {
    headers: { "Set-Cookie": cookie },
  });
}

type ActionData = {
  errors?: Record<string, string>;
  values?: Record<string, unknown>;
  formError?: string | null;
};

export default function SignInMfa() {
  const { email, method, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const other = new URLSearchParams({ redirectTo });
  if (method === "totp") other.set("method", "recovery");

  return (
    <Panel title={t("auth.mfaStep.title")}>
      <p className="mt-1 text-sm text-slate-600">
        {method === "totp"
          ? t("auth.mfaStep.totpIntro", { email })
          : t("auth.mfaStep.recoveryIntro", { email })}
      </p>
      <div className="mt-5">
        {method === "totp" ? (
          <MfaForm
            key="totp"
            schema={MfaCodeFormSchema}
            name="code"
            label={t("auth.mfa.codeLabel")}
            kind="totp"
            hidden={{ intent: "totp", redirectTo }}
            submitLabel={t("auth.mfaStep.verify")}
            serverError={actionData?.errors?.code}
            initial={typeof actionData?.values?.code === "string" ? actionData.values.code : ""}
          />
        ) : (
          <MfaForm
            key="recovery"
            schema={MfaRecoveryFormSchema}
            name="recoveryCode"
            label={t("auth.mfa.recoveryLabel")}
            kind="recovery"
            hidden={{ intent: "recovery", redirectTo }}
            submitLabel={t("auth.mfaStep.recoverySubmit")}
            serverError={actionData?.errors?.recoveryCode}
            initial={typeof actionData?.values?.recoveryCode === "string" ? actionData.values.recoveryCode : ""}
          />
        )}
      </div>
      <div className="mt-5 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
        <Link to={`/sign-in/mfa?${other}`} className="text-sm font-medium text-brand-700 underline hover:text-brand-800">
          {method === "totp" ? t("auth.mfaStep.useRecovery") : t("auth.mfaStep.useApp")}
        </Link>
        <SignOutButton />
      </div>
    </Panel>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto mt-10 max-w-md">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold">{title}</h1>
        {children}
      </div>
    </div>
  );
}
