import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { rotateSession } from "~/auth/session.server";
import { writeContext } from "~/auth/write-context.server";
import { NewPasswordFields, PasswordInput } from "~/components/account/password-form";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { changePassword } from "~/models/account.server";
import { ChangePasswordFormSchema } from "~/schemas/account";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { useNotice } from "~/utils/notice";
import { redirectWithNotice } from "~/utils/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Change your password · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ title: (await requestTranslator(request))("auth.passwordPage.metaTitle") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context);
  const form = await parseForm(request, ChangePasswordFormSchema);
  if (!form.ok) return invalid(form.errors, {});
  const result = await runAction({}, {}, () => changePassword(ctx, form.data));
  if (!result.ok) return result.response;
  // All sessions ended with the old password; this browser continues in a new
  // one. requireUser let this request through, so it had passed two-step sign-in.
  const { cookie } = await rotateSession(request, ctx.actor.id, ctx, "keep");
  throw await redirectWithNotice("/account/password", "changed", { headers: { "Set-Cookie": cookie } });
}

export default function ChangePassword() {
  const actionData = useActionData<typeof action>();
  const notice = useNotice();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p className="text-sm">
        <Link to="/account" className="text-brand-700 underline">
          {t("auth.passwordPage.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("auth.passwordPage.title")}</h1>
      {notice === "changed" ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("auth.passwordPage.done")}
        </div>
      ) : null}
      <p className="text-slate-700">{t("auth.passwordPage.intro")}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ZodForm schema={ChangePasswordFormSchema} defaults={{}} actionData={actionData} className="space-y-4">
          <PasswordInput name="current" label={t("auth.passwordPage.current")} autoComplete="current-password" />
          <NewPasswordFields />
          <SubmitButton>{t("auth.passwordPage.submit")}</SubmitButton>
        </ZodForm>
      </div>
    </div>
  );
}
