import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { getValidatedFormData, useRemixForm } from "remix-hook-form";
import { getViewer, homePathFor, safeRedirectPath } from "~/auth/auth.server";
import { startSession } from "~/auth/session.server";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { authenticate } from "~/models/user.server";
import { SignInFormSchema, type SignInForm } from "~/schemas/sign-in";

export const meta: MetaFunction = () => [{ title: "Sign in · Concord" }];

const resolver = zodResolver(SignInFormSchema);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  if (viewer) {
    const redirectTo = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirectPath(redirectTo, homePathFor(viewer.user.role)));
  }
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { errors, data, receivedValues } = await getValidatedFormData<SignInForm>(request, resolver, true);
  const defaultValues = { email: String(receivedValues.email ?? "") };
  if (errors) return json({ errors, defaultValues, formError: null }, { status: 400 });

  const result = await authenticate(data.email, data.password, context.clientIp);
  if (!result.ok) {
    const formError =
      result.reason === "rate_limited"
        ? `Too many failed attempts. For your security, signing in to this account is paused for ${Math.ceil(result.retryAfterSeconds / 60)} minute(s).`
        : "The e-mail address or password is not correct.";
    return json({ errors: null, defaultValues, formError }, { status: result.reason === "rate_limited" ? 429 : 400 });
  }
  const cookie = await startSession(result.user.id, {
    ip: context.clientIp,
    userAgent: request.headers.get("User-Agent"),
  });
  throw redirect(safeRedirectPath(data.redirectTo, homePathFor(result.user.role)), { headers: { "Set-Cookie": cookie } });
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
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
    errors[name]?.message ?? (serverErrors as Record<string, { message?: string }>)[name]?.message;

  return (
    <div className="mx-auto mt-10 max-w-md">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold">Sign in to Concord</h1>
        <p className="mt-1 text-sm text-slate-600">Cooperation programmes, agreements, activities and results in one place.</p>
        {actionData?.formError ? (
          <div role="alert" className="mt-5 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            {actionData.formError}
          </div>
        ) : null}
        <Form method="post" onSubmit={handleSubmit} noValidate className="mt-5 space-y-4">
          <input type="hidden" {...register("redirectTo")} />
          <TextField
            label="E-mail address"
            type="email"
            autoComplete="username"
            error={fieldError("email")}
            {...register("email")}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            error={fieldError("password")}
            {...register("password")}
          />
          <Button type="submit" className="w-full" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
          </Button>
        </Form>
      </div>
    </div>
  );
}
