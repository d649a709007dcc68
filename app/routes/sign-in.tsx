import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useRemixForm } from "remix-hook-form";
import { getViewer, homePathFor, MFA_SETUP_PATH, MFA_VERIFY_PATH, safeRedirectPath } from "~/auth/auth.server";
import { rotateSession } from "~/auth/session.server";
import { requestSource } from "~/auth/write-context.server";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { demoSignInAccounts, type DemoAccount } from "~/models/seed.server";
import { authenticate } from "~/models/user.server";
import { SignInFormSchema, type SignInForm } from "~/schemas/sign-in";
import { parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Sign in · Concord" }];

const resolver = zodResolver(SignInFormSchema);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  if (viewer) {
    const redirectTo = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirectPath(redirectTo, homePathFor(viewer.user.role)));
  }
  return json({ title: (await requestTranslator(request))("auth.signIn.metaTitle"), demoAccounts: await demoSignInAccounts() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  // parseForm, not remix-hook-form's server parser: it drops field names that
  // could reach Object.prototype (tests/hostile/prototype-pollution.test.ts).
  const form = await parseForm(request, SignInFormSchema);
  const defaultValues = { email: typeof form.values.email === "string" ? form.values.email : "" };
  if (!form.ok) {
    const errors = Object.fromEntries(Object.entries(form.errors).map(([field, message]) => [field, { message }]));
    return json({ errors, defaultValues, formError: null }, { status: 400 });
  }
  const data = form.data;

  const source = requestSource(context);
  const result = await authenticate(data.email, data.password, source);
  if (!result.ok) {
    if (result.reason === "rate_limited") {
      const wait = result.retryAfterSeconds;
      const formError =
        wait < 120 ? message("auth.signIn.throttled", { seconds: wait }) : message("auth.signIn.limited", { minutes: Math.ceil(wait / 60) });
      return json({ errors: null, defaultValues, formError }, { status: 429, headers: { "Retry-After": String(wait) } });
    }
    return json({ errors: null, defaultValues, formError: message("auth.signIn.wrong") }, { status: 400 });
  }
  // A new session id at every sign-in; a session the browser already had (a
  // planted or an old one) ends here. The new one owes the second factor
  // until /sign-in/mfa (or, for admin and staff not enrolled yet, /account/mfa).
  const { cookie } = await rotateSession(request, result.user.id, source, false);
  const destination = safeRedirectPath(data.redirectTo, homePathFor(result.user.role));
  const next =
    result.secondStep === "none"
      ? destination
      : `${result.secondStep === "verify" ? MFA_VERIFY_PATH : MFA_SETUP_PATH}?${new URLSearchParams({ redirectTo: destination })}`;
  throw redirect(next, { headers: { "Set-Cookie": cookie } });
}

export default function SignIn() {
  const { demoAccounts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const {
    handleSubmit,
    register,
    formState: { errors },
  } = useRemixForm<SignInForm>({
    resolver,
    stringifyAllValues: false,
    defaultValues: { email: actionData?.defaultValues.email ?? "", password: "", redirectTo: params.get("redirectTo") ?? "" },
  });
  // Server errors (JavaScript off, or checks only the server can make) and client errors share the same slots.
  const serverErrors = actionData?.errors ?? {};
  const fieldError = (name: keyof SignInForm) =>
    t.text(errors[name]?.message ?? (serverErrors as Record<string, { message?: string }>)[name]?.message) || undefined;

  return (
    <div className="mx-auto mt-10 max-w-md">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold">{t("auth.signIn.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("auth.signIn.intro")}</p>
        {actionData?.formError ? (
          <div role="alert" className="mt-5 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            {t.text(actionData.formError)}
          </div>
        ) : null}
        <Form method="post" onSubmit={handleSubmit} noValidate className="mt-5 space-y-4">
          <input type="hidden" {...register("redirectTo")} />
          <TextField
            label={t("auth.signIn.email")}
            type="email"
            autoComplete="username"
            error={fieldError("email")}
            {...register("email")}
          />
          <TextField
            label={t("auth.signIn.password")}
            type="password"
            autoComplete="current-password"
            error={fieldError("password")}
            {...register("password")}
          />
          <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("auth.signIn.submitting") : t("auth.signIn.submit")}
          </Button>
        </Form>
        <p className="mt-4 text-center text-sm">
          <Link to="/forgot-password" className="font-medium text-brand-700 underline hover:text-brand-800">
            {t("auth.signIn.forgot")}
          </Link>
        </p>
      </div>
      {demoAccounts.length ? <DemoAccounts accounts={demoAccounts} redirectTo={params.get("redirectTo") ?? ""} /> : null}
    </div>
  );
}

/** Demo mode only: the demo accounts, each with a button that signs in with it (a plain form: works without JavaScript). */
function DemoAccounts({ accounts, redirectTo }: { accounts: DemoAccount[]; redirectTo: string }) {
  const t = useT();
  return (
    <section aria-labelledby="demo-accounts" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-6 text-sm">
      <h2 id="demo-accounts" className="text-base font-semibold">
        {t("auth.signIn.demoHeading")}
      </h2>
      <p className="mt-1 text-slate-700">{t("auth.signIn.demoIntro")}</p>
      <ul className="mt-3 divide-y divide-amber-200">
        {accounts.map((a) => {
          const scope = [...a.countries.map((c) => t.label("country", c)), ...a.organisations].join(", ");
          const who = scope ? `${t.label("role", a.role)} (${scope})` : t.label("role", a.role);
          return (
            <li key={a.email} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div>
                <p className="font-medium">{who}</p>
                <p className="text-slate-700">
                  {t("auth.signIn.email")}: <code className="break-all">{a.email}</code> · {t("auth.signIn.password")}: <code>{a.password}</code>
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="email" value={a.email} />
                <input type="hidden" name="password" value={a.password} />
                <input type="hidden" name="redirectTo" value={redirectTo} />
                <Button type="submit" variant="secondary">
                  {t("auth.signIn.demoUse", { who })}
                </Button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
