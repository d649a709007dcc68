import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { AccountCard } from "~/components/account/password-form";
import { TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { requestPasswordReset } from "~/models/account.server";
import { ForgotPasswordFormSchema } from "~/schemas/account";
import { invalid, parseForm } from "~/utils/form.server";
import { publicOrigin } from "~/utils/mail.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Concord" }];

const SENT_MESSAGE = "If an account exists for that address, we have sent a link to choose a new password. It works once, for one hour.";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, ForgotPasswordFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await requestPasswordReset(form.data.email, context.clientIp, publicOrigin(request));
  if (result.status === "limited") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return json(
      { errors: {}, values: form.values, formError: `Too many requests. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, conflict: null, sent: false },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  // The mail goes out in the background: the answer and its timing are the same whether or not the account exists.
  return json({ errors: {}, values: form.values, formError: null, conflict: null, sent: true });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const sent = Boolean(actionData && "sent" in actionData && actionData.sent);
  return (
    <AccountCard
      title="Forgot your password?"
      intro={<p>Enter the e-mail address of your Concord account. We will send you a link to choose a new password.</p>}
    >
      {sent ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {SENT_MESSAGE}
        </div>
      ) : (
        <ZodForm schema={ForgotPasswordFormSchema} defaults={{ email: "" }} actionData={actionData} className="space-y-4">
          <TextInput name="email" label="E-mail address" type="email" required />
          <SubmitButton>Send the link</SubmitButton>
        </ZodForm>
      )}
      <p className="mt-5 text-sm">
        <Link to="/sign-in" className="font-medium text-brand-700 underline">
          Back to sign in
        </Link>
      </p>
    </AccountCard>
  );
}
