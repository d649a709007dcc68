import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { homePathFor, requireMfaSetup, safeRedirectPath } from "~/auth/auth.server";
import { clearRecoveryCodesCookie, readRecoveryCodesCookie, recoveryCodesCookie } from "~/auth/mfa.server";
import { rotateSession } from "~/auth/session.server";
import { MfaForm } from "~/components/account/mfa-form";
import { FormAlert, RecoveryCodes, SignOutButton } from "~/components/account/mfa-parts";
import { Card } from "~/components/ui/card";
import { disableMfa, enableMfa, getMfaOverview, prepareEnrolment, regenerateRecoveryCodes } from "~/models/mfa.server";
import { MfaEnrolFormSchema, MfaProofFormSchema, MfaRestartFormSchema } from "~/schemas/mfa";
import { formatDate } from "~/utils/format";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Multi-factor sign-in · Concord" }];
// The page shows an authenticator key and, once, recovery codes: never cache it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireMfaSetup(request);
  const url = new URL(request.url);
  const overview = await getMfaOverview(viewer.user);
  const enrolment = overview.enabled ? null : await prepareEnrolment(viewer.user);
  const mustEnrol = viewer.mfa === "enrol";
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), mustEnrol ? homePathFor(viewer.user.role) : "/account");
  const flash = readRecoveryCodesCookie(request, viewer.user.id);
  return json({
      email: viewer.user.email,
      overview,
      enrolment,
      mustEnrol,
      redirectTo,
      newCodes: flash && overview.enabled ? flash : null,
      signedInWithRecoveryCode: url.searchParams.get("used") === "recovery-code",
  });
}

function withRedirectTo(path: string, redirectTo: string | undefined) {
  return redirectTo ? `${path}?${new URLSearchParams({ redirectTo })}` : path;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireMfaSetup(request);
  const { user } = viewer;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const ip = context.clientIp;

  if (intent === "enable") {
    const parsed = await parseForm(request, MfaEnrolFormSchema, formData);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = await enableMfa(user, parsed.data.code, ip);
    if (!result.ok) return invalid({ code: result.message }, parsed.values, undefined, result.reason === "rate_limited" ? 429 : 400);
    // The code just given is a second factor: this session becomes a new, verified one.
    const { cookie } = await rotateSession(request, user.id, { ip, userAgent: request.headers.get("User-Agent") }, true);
    const headers = new Headers();
    headers.append("Set-Cookie", cookie);
    headers.append(
      "Set-Cookie",
      recoveryCodesCookie(user.id, { codes: result.recoveryCodes, createdAt: result.enabledAt.toISOString(), enabled: true }),
    );
    const next = viewer.mfa === "enrol" ? safeRedirectPath(parsed.data.redirectTo, homePathFor(user.role)) : undefined;
    throw redirect(withRedirectTo("/account/mfa", next), { headers });
  }

  if (intent === "codes-saved") {
    const next = formData.get("redirectTo");
    throw redirect(safeRedirectPath(next, "/account"), { headers: { "Set-Cookie": clearRecoveryCodesCookie() } });
  }

  if (intent === "restart") {
    const parsed = await parseForm(request, MfaRestartFormSchema, formData);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    await prepareEnrolment(user, { restart: true });
    throw redirect(`/account/mfa${new URL(request.url).search}`);
  }

  // Changing an enabled second factor needs a session that passed it.
  if (viewer.mfa !== "passed") throw redirect("/account/mfa");

  const parsed = await parseForm(request, MfaProofFormSchema, formData);
  if (!parsed.ok) return invalid(parsed.errors, { intent: parsed.values.intent });
  if (parsed.data.intent === "regenerate") {
    const result = await regenerateRecoveryCodes(user, parsed.data.proof, ip);
    if (!result.ok) return invalid({ proof: result.message }, { intent: "regenerate" }, undefined, result.reason === "rate_limited" ? 429 : 400);
    throw redirect("/account/mfa", {
      headers: {
        "Set-Cookie": recoveryCodesCookie(user.id, { codes: result.recoveryCodes, createdAt: result.createdAt.toISOString(), enabled: false }),
      },
    });
  }
  const result = await disableMfa(user, parsed.data.proof, ip);
  if (!result.ok) return invalid({ proof: result.message }, { intent: "disable" }, undefined, result.reason === "rate_limited" ? 429 : 400);
  throw redirect("/account?mfa=off");
}

type ActionData = {
  errors?: Record<string, string>;
  values?: Record<string, unknown>;
  formError?: string | null;
};

export default function AccountMfa() {
  const { email, overview, enrolment, mustEnrol, redirectTo, newCodes, signedInWithRecoveryCode } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();

  if (newCodes) {
    return (
      <div className="mx-auto max-w-2xl space-y-6">
        <h1 className="text-2xl font-bold">{newCodes.enabled ? "Multi-factor sign-in is on" : "New recovery codes"}</h1>
        {newCodes.enabled ? (
          <p role="status" className="text-slate-700">
            From now on, signing in asks for a code from your authenticator app after your password.
          </p>
        ) : (
          <p role="status" className="text-slate-700">
            Your old recovery codes no longer work.
          </p>
        )}
        <RecoveryCodes email={email} codes={newCodes.codes} createdAt={newCodes.createdAt} continueTo={redirectTo} />
      </div>
    );
  }

  const errorsFor = (intent: string) => (actionData?.values?.intent === intent ? actionData : null);

  if (enrolment) {
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        <div>
          <h1 className="text-2xl font-bold">Set up multi-factor sign-in</h1>
          <p className="mt-1 text-slate-700">
            After your password, Concord will ask for a 6-digit code from an authenticator app on your phone, so a stolen password is
            not enough to get in.
          </p>
        </div>
        {mustEnrol ? (
          <div role="status" className="rounded-md border border-brand-600 bg-brand-50 p-3 text-sm text-brand-900">
            Your role requires multi-factor sign-in. Set it up now to continue to Concord.
          </div>
        ) : null}
        <Card>
          <ol className="space-y-6">
            <li>
              <h2 className="font-semibold">1. Install an authenticator app</h2>
              <p className="mt-1 text-sm text-slate-700">
                Any app that supports time-based codes (TOTP) works, for example Google Authenticator, Microsoft Authenticator, FreeOTP,
                Aegis or 1Password.
              </p>
            </li>
            <li>
              <h2 className="font-semibold">2. Add Concord to the app</h2>
              <div className="mt-2 flex flex-wrap items-start gap-6">
                <img
                  src={`data:image/svg+xml;base64,${toBase64(enrolment.qrSvg)}`}
                  alt="QR code to scan with your authenticator app"
                  width={200}
                  height={200}
                  className="rounded border border-slate-200"
                />
                <div className="min-w-[16rem] flex-1 text-sm text-slate-700">
                  <p>Scan the QR code with the app. If you cannot scan it, add an account by hand with these details:</p>
                  <dl className="mt-3 space-y-2">
                    <div>
                      <dt className="text-slate-600">Account</dt>
                      <dd className="font-medium text-slate-900">Concord ({email})</dd>
                    </div>
                    <div>
                      <dt className="text-slate-600" id="setup-key-label">
                        Setup key
                      </dt>
                      <dd aria-labelledby="setup-key-label" data-testid="totp-secret" className="select-all break-all font-mono text-base font-semibold tracking-wider text-slate-900">
                        {enrolment.secret}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-slate-600">Type</dt>
                      <dd className="font-medium text-slate-900">Time-based, 6 digits, every 30 seconds</dd>
                    </div>
                  </dl>
                </div>
              </div>
            </li>
            <li>
              <h2 className="font-semibold">3. Enter the code the app shows</h2>
              <MfaForm
                schema={MfaEnrolFormSchema}
                name="code"
                label="Authentication code"
                kind="totp"
                hidden={{ intent: "enable", redirectTo }}
                submitLabel="Turn on multi-factor sign-in"
                serverError={errorsFor("enable")?.errors?.code}
                initial={typeof errorsFor("enable")?.values?.code === "string" ? String(errorsFor("enable")?.values?.code) : ""}
                className="mt-2 max-w-sm space-y-4"
              />
            </li>
          </ol>
        </Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="restart" />
            <button type="submit" className="text-sm font-medium text-brand-700 underline hover:text-brand-800">
              Start over with a new key
            </button>
          </Form>
          {mustEnrol ? <SignOutButton label="Sign out" /> : <Link to="/account" className="text-sm font-medium text-slate-700 underline">Back to your account</Link>}
        </div>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link to="/account" className="text-sm text-brand-700 underline">
          Your account
        </Link>
        <h1 className="mt-1 text-2xl font-bold">Multi-factor sign-in</h1>
      </div>
      {signedInWithRecoveryCode ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p>
            You signed in with a recovery code; that code is now used up.{" "}
            <strong>{overview.recoveryCodesLeft === 1 ? "You have 1 recovery code left." : `You have ${overview.recoveryCodesLeft} recovery codes left.`}</strong>
          </p>
          <p className="mt-2">
            {overview.recoveryCodesLeft <= 3 ? "Make new codes below before you run out, or " : "You can make new codes below, or "}
            <Link to={redirectTo} className="font-medium text-brand-700 underline">
              continue to where you were going
            </Link>
            .
          </p>
        </div>
      ) : null}
      <Card>
        <p className="text-slate-800">
          <strong>On</strong> since {formatDate(overview.enabledAt)}. Signing in asks for a code from your authenticator app.
        </p>
        <p className="mt-2 text-sm text-slate-700">
          {overview.recoveryCodesLeft === 1 ? "1 recovery code left." : `${overview.recoveryCodesLeft} recovery codes left.`}
        </p>
      </Card>
      <Card title="Make new recovery codes">
        <p className="mb-3 text-sm text-slate-700">New codes replace all your current ones. Confirm it is you first.</p>
        <MfaForm
          schema={MfaProofFormSchema}
          name="proof"
          label="Your password or a current code"
          kind="proof"
          hidden={{ intent: "regenerate" }}
          submitLabel="Make new recovery codes"
          serverError={errorsFor("regenerate")?.errors?.proof}
          className="max-w-sm space-y-4"
        />
      </Card>
      <Card title="Turn off multi-factor sign-in">
        {overview.required ? (
          <p className="text-sm text-slate-700">Multi-factor sign-in is required for your role, so it cannot be turned off.</p>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-700">Without it, your password alone signs you in. Confirm it is you first.</p>
            <MfaForm
              schema={MfaProofFormSchema}
              name="proof"
              label="Your password or a current code"
              kind="proof"
              hidden={{ intent: "disable" }}
              submitLabel="Turn off multi-factor sign-in"
              serverError={errorsFor("disable")?.errors?.proof}
              className="max-w-sm space-y-4"
            />
          </>
        )}
      </Card>
      <FormAlert message={actionData?.formError} />
    </div>
  );
}

function toBase64(text: string): string {
  // Runs on the server and in the browser; the SVG is ASCII.
  return typeof btoa === "function" ? btoa(text) : Buffer.from(text).toString("base64");
}
