import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { RequirementForm } from "~/components/reporting/requirement-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { createRequirement, requirementDefaults, requirementFormOptions } from "~/models/reporting-requirement.server";
import { RequirementFormSchema } from "~/schemas/reporting-requirement";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";
import { requirementFieldLabels, requirementOptionsFor } from "~/components/reporting/requirement-options";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "New reporting requirement"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const { programme, ...options } = await requirementFormOptions(scope, params.code ?? "", t.locale);
  return json({
    programme: { code: programme.code, title: programme.title },
    options: requirementOptionsFor(options, t),
    defaults: requirementDefaults(programme),
    pageTitle: t("reporting.new.title"),
  });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, RequirementFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const t = await requestTranslator(request);
  const code = params.code ?? "";
  const result = await runAction(form.values, requirementFieldLabels(t), () => createRequirement(ctx, code, form.data));
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/programmes/${encodeURIComponent(code)}/reporting`, "created");
});

export default function NewRequirement() {
  const { programme, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/programmes/${programme.code}/reporting`} className="text-brand-700 underline">
          {programme.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("reporting.new.title")}</h1>
      <RequirementForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("reporting.new.submit")} />
    </div>
  );
}
