import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { AgreementForm } from "~/components/agreements/agreement-form";
import { agreementFieldLabels } from "~/components/agreements/field-labels";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { agreementFormDefaults, agreementFormOptions, requireAgreement, updateAgreement } from "~/models/agreement.server";
import { AgreementFormSchema } from "~/schemas/agreement";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Edit agreement"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const a = await requireAgreement(scope, params.id ?? "");
  const options = await agreementFormOptions(scope, t.locale, a.id);
  const defaults = agreementFormDefaults(a);

  return json({ pageTitle: t("agreements.edit.pageTitle", { title: a.title }), id: a.id, title: a.title, options, defaults });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireAgreement(scope, params.id ?? "");
  const form = await parseForm(request, AgreementFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("agreements.missingVersion"));
  const t = await requestTranslator(request);
  const result = await runAction(form.values, agreementFieldLabels(t), () =>
    updateAgreement(ctx, existing.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/agreements/${existing.id}`, "saved");
});

export default function EditAgreement() {
  const { id, title, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/agreements/${id}`} className="text-brand-700 underline">
          {t("agreements.edit.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("agreements.edit.title", { title })}</h1>
      <AgreementForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("agreements.edit.submit")} />
    </div>
  );
}
