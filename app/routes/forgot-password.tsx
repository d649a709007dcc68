import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { AccountCard } from "~/components/account/password-form";
import { TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { requestLocale, requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { requestSource } from "~/auth/write-context.server";
import { requestPasswordReset } from "~/models/account.server";
import { ForgotPasswordFormSchema } from "~/schemas/account";
import { invalid, parseForm } from "~/utils/form.server";
import { publicOrigin } from "~/utils/env.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Forgot your password? · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ title: (await requestTranslator(request))("auth.forgot.metaTitle") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, ForgotPasswordFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  // The mail is in the account's saved language, else in this page's.
  const result = await requestPasswordReset(form.data.email, requestSource(context), publicOrigin(), await requestLocale(request));
  if (result.status === "limited") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return json(
      { errors: {}, values: form.values, formError: message("auth.forgot.limited", { count: minutes }), conflict: null, sent: false },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  // The mail goes out in the background: the answer and its timing are the same whether or not the account exists.
  return json({ errors: {}, values: form.values, formError: null, conflict: null, sent: true });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const sent = Boolean(actionData && "sent" in actionData && actionData.sent);
  const t = useT();
  return (
    <AccountCard title={t("auth.forgot.title")} intro={<p>{t("auth.forgot.intro")}</p>}>
      {sent ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("auth.forgot.sent")}
        </div>
      ) : (
        <ZodForm schema={ForgotPasswordFormSchema} defaults={{ email: "" }} actionData={actionData} className="space-y-4">
          <TextInput name="email" label={t("auth.forgot.email")} type="email" required />
          <SubmitButton>{t("auth.forgot.submit")}</SubmitButton>
        </ZodForm>
      )}
      <p className="mt-5 text-sm">
        <Link to="/sign-in" className="font-medium text-brand-700 underline">
          {t("auth.forgot.back")}
        </Link>
      </p>
    </AccountCard>
  );
}
