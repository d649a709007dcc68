import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { Select } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import type { MessageKey } from "~/i18n/translate";
import { digestHour } from "~/notifications/digest.server";
import { getPreferences, savePreferences } from "~/notifications/inbox.server";
import { kindLabel, NOTIFICATION_CHANNELS } from "~/notifications/kinds";
import { NotificationPreferencesFormSchema } from "~/schemas/notification-preferences";
import { runAction } from "~/utils/action.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/form.server";
import { useNotice } from "~/utils/notice";

// The user's notification settings: per kind (those of their role), e-mail at
// once, in the digest or inbox only, with the role's default shown; and how
// often the digest comes.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Notification settings · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const [prefs, t] = await Promise.all([getPreferences(user), requestTranslator(request)]);
  return json({ title: t("notifications.prefs.metaTitle"), ...prefs, hour: digestHour() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context);
  const form = await parseForm(request, NotificationPreferencesFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await runAction(form.values, {}, () => savePreferences(ctx, ctx.viewer.user.role, form.data));
  if (!result.ok) return result.response;
  throw await redirectWithNotice("/account/notifications", "saved");
}

export default function NotificationSettings() {
  const { kinds, digestFrequency, defaultFrequency, hour } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const notice = useNotice();
  const t = useT();
  const channelOptions = NOTIFICATION_CHANNELS.map((c) => ({ value: c, label: t(`notifications.channel.${c}` as MessageKey) }));
  const frequencyLabel = (f: string) => t(`notifications.frequency.${f}` as MessageKey);
  const defaults = {
    channels: Object.fromEntries(kinds.map((k) => [k.kind, k.channel])),
    digestFrequency: digestFrequency ?? "DEFAULT",
  };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/account" className="text-brand-700 underline">
          {t("notifications.prefs.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("notifications.prefs.title")}</h1>
      {notice === "saved" ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t("notifications.prefs.saved")}
        </div>
      ) : null}
      <p className="text-slate-700">{t("notifications.prefs.intro")}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ZodForm schema={NotificationPreferencesFormSchema} defaults={defaults} actionData={actionData} className="space-y-6">
          <fieldset className="space-y-4">
            <legend className="text-base font-semibold">{t("notifications.prefs.kinds")}</legend>
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              {kinds.map((k) => (
                <Select
                  key={k.kind}
                  name={`channels.${k.kind}`}
                  label={kindLabel(t, k.kind)}
                  hint={t("notifications.prefs.default", { channel: t(`notifications.channel.${k.default}` as MessageKey) })}
                  options={channelOptions}
                  placeholder={null}
                  required={false}
                />
              ))}
            </div>
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-base font-semibold">{t("notifications.prefs.digest")}</legend>
            <Select
              name="digestFrequency"
              label={t("notifications.prefs.frequency")}
              hint={t("notifications.prefs.frequencyHint", { hour })}
              options={[
                { value: "DEFAULT", label: t("notifications.prefs.frequencyDefault", { frequency: frequencyLabel(defaultFrequency) }) },
                { value: "DAILY", label: frequencyLabel("DAILY") },
                { value: "WEEKLY", label: frequencyLabel("WEEKLY") },
              ]}
              placeholder={null}
              required={false}
            />
          </fieldset>
          <SubmitButton>{t("notifications.prefs.submit")}</SubmitButton>
        </ZodForm>
      </div>
    </div>
  );
}
