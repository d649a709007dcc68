import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { homePathFor, requireMfaSetup, safeRedirectPath } from "~/auth/auth.server";
import { clearRecoveryCodesCookie, readRecoveryCodesCookie, recoveryCodesCookie } from "~/auth/mfa.server";
import { rotateSession } from "~/auth/session.server";
import { writeContext } from "~/auth/write-context.server";
import { MfaForm } from "~/components/account/mfa-form";
import { FormAlert, RecoveryCodes, SignOutButton } from "~/components/account/mfa-parts";
import { Card } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { disableMfa, enableMfa, getMfaOverview, prepareEnrolment, regenerateRecoveryCodes } from "~/models/mfa.server";
import { MfaEnrolFormSchema, MfaProofFormSchema, MfaRestartFormSchema } from "~/schemas/mfa";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Multi-factor sign-in · Concord" }];
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
  const t = await requestTranslator(request);
  return json({
      title: t("auth.mfaPage.metaTitle"),
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
  // An admin or staff member enrolling for the first time has not passed a second factor yet: requireMfaSetup lets them here.
  const ctx = await writeContext(request, context, requireMfaSetup);
  const { viewer } = ctx;
  const { user } = viewer;
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "enable") {
    const parsed = await parseForm(request, MfaEnrolFormSchema, formData);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = await enableMfa(ctx, user, parsed.data.code);
    if (!result.ok) return invalid({ code: result.message }, parsed.values, undefined, result.reason === "rate_limited" ? 429 : 400);
    // The code just given is a second factor: this session becomes a new, verified one.
    const { cookie } = await rotateSession(request, user.id, ctx, true);
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
    const result = await regenerateRecoveryCodes(ctx, user, parsed.data.proof);
    if (!result.ok) return invalid({ proof: result.message }, { intent: "regenerate" }, undefined, result.reason === "rate_limited" ? 429 : 400);
    throw redirect("/account/mfa", {
      headers: {
        "Set-Cookie": recoveryCodesCookie(user.id, { codes: result.recoveryCodes, createdAt: result.createdAt.toISOString(), enabled: false }),
      },
    });
  }
  const result = await disableMfa(ctx, user, parsed.data.proof);
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
  const t = useT();
  const fmt = useFormat();

  if (newCodes) {
    return (
      <div className="mx-auto max-w-2xl space-y-6">
        <h1 className="text-2xl font-bold">{newCodes.enabled ? t("auth.mfaPage.onTitle") : t("auth.mfaPage.newCodesTitle")}</h1>
        {newCodes.enabled ? (
          <p role="status" className="text-slate-700">
            {t("auth.mfaPage.onText")}
          </p>
        ) : (
          <p role="status" className="text-slate-700">
            {t("auth.mfaPage.oldCodesGone")}
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
          <h1 className="text-2xl font-bold">{t("auth.mfaPage.setupTitle")}</h1>
          <p className="mt-1 text-slate-700">{t("auth.mfaPage.setupIntro")}</p>
        </div>
        {mustEnrol ? (
          <div role="status" className="rounded-md border border-brand-600 bg-brand-50 p-3 text-sm text-brand-900">
            {t("auth.mfaPage.mustEnrol")}
          </div>
        ) : null}
        <Card>
          <ol className="space-y-6">
            <li>
              <h2 className="font-semibold">{t("auth.mfaPage.step1")}</h2>
              <p className="mt-1 text-sm text-slate-700">{t("auth.mfaPage.step1Text")}</p>
            </li>
            <li>
              <h2 className="font-semibold">{t("auth.mfaPage.step2")}</h2>
              <div className="mt-2 flex flex-wrap items-start gap-6">
                <img
                  src={`data:image/svg+xml;base64,${toBase64(enrolment.qrSvg)}`}
                  alt={t("auth.mfaPage.qrAlt")}
                  width={200}
                  height={200}
                  className="rounded border border-slate-200"
                />
                <div className="min-w-[16rem] flex-1 text-sm text-slate-700">
                  <p>{t("auth.mfaPage.scan")}</p>
                  <dl className="mt-3 space-y-2">
                    <div>
                      <dt className="text-slate-600">{t("auth.mfaPage.account")}</dt>
                      <dd className="font-medium text-slate-900">{t("auth.mfaPage.accountValue", { email })}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-600" id="setup-key-label">
                        {t("auth.mfaPage.setupKey")}
                      </dt>
                      <dd aria-labelledby="setup-key-label" data-testid="totp-secret" className="select-all break-all font-mono text-base font-semibold tracking-wider text-slate-900">
                        {enrolment.secret}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-slate-600">{t("auth.mfaPage.type")}</dt>
                      <dd className="font-medium text-slate-900">{t("auth.mfaPage.typeValue")}</dd>
                    </div>
                  </dl>
                </div>
              </div>
            </li>
            <li>
              <h2 className="font-semibold">{t("auth.mfaPage.step3")}</h2>
              <MfaForm
                schema={MfaEnrolFormSchema}
                name="code"
                label={t("auth.mfa.codeLabel")}
                kind="totp"
                hidden={{ intent: "enable", redirectTo }}
                submitLabel={t("auth.mfaPage.turnOn")}
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
              {t("auth.mfaPage.restart")}
            </button>
          </Form>
          {mustEnrol ? (
            <SignOutButton label={t("auth.mfa.signOut")} />
          ) : (
            <Link to="/account" className="text-sm font-medium text-slate-700 underline">
              {t("auth.mfaPage.backToAccount")}
            </Link>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link to="/account" className="text-sm text-brand-700 underline">
          {t("auth.account.title")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold">{t("auth.mfaPage.title")}</h1>
      </div>
      {signedInWithRecoveryCode ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p>
            {t("auth.mfaPage.usedRecovery")} <strong>{t("auth.mfaPage.codesLeftYou", { count: overview.recoveryCodesLeft })}</strong>
          </p>
          <p className="mt-2">
            <WithPart
              text={t(overview.recoveryCodesLeft <= 3 ? "auth.mfaPage.runningOut" : "auth.mfaPage.canMakeNew")}
              name="link"
              part={
                <Link to={redirectTo} className="font-medium text-brand-700 underline">
                  {t("auth.mfaPage.continueLink")}
                </Link>
              }
            />
          </p>
        </div>
      ) : null}
      <Card>
        <p className="text-slate-800">
          <WithPart
            text={t("auth.mfaPage.onSince", { date: fmt.date(overview.enabledAt) })}
            name="on"
            part={<strong>{t("auth.mfaPage.on")}</strong>}
          />
        </p>
        <p className="mt-2 text-sm text-slate-700">{t("auth.mfa.codesLeft", { count: overview.recoveryCodesLeft })}</p>
      </Card>
      <Card title={t("auth.mfaPage.makeNew")}>
        <p className="mb-3 text-sm text-slate-700">{t("auth.mfaPage.makeNewText")}</p>
        <MfaForm
          schema={MfaProofFormSchema}
          name="proof"
          label={t("auth.mfaPage.proofLabel")}
          kind="proof"
          hidden={{ intent: "regenerate" }}
          submitLabel={t("auth.mfaPage.makeNew")}
          serverError={errorsFor("regenerate")?.errors?.proof}
          className="max-w-sm space-y-4"
        />
      </Card>
      <Card title={t("auth.mfaPage.turnOff")}>
        {overview.required ? (
          <p className="text-sm text-slate-700">{t("auth.mfaPage.requiredText")}</p>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-700">{t("auth.mfaPage.turnOffText")}</p>
            <MfaForm
              schema={MfaProofFormSchema}
              name="proof"
              label={t("auth.mfaPage.proofLabel")}
              kind="proof"
              hidden={{ intent: "disable" }}
              submitLabel={t("auth.mfaPage.turnOff")}
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

/** A translated sentence with one element in it, where the message has "{name}". */
function WithPart({ text, name, part }: { text: string; name: string; part: React.ReactNode }) {
  const [before, after = ""] = text.split(`{${name}}`);
  return (
    <>
      {before}
      {part}
      {after}
    </>
  );
}
