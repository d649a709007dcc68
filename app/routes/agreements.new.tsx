import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { AgreementForm } from "~/components/agreements/agreement-form";
import { agreementFieldLabels } from "~/components/agreements/field-labels";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { agreementFormOptions, createAgreement } from "~/models/agreement.server";
import { AgreementFormSchema } from "~/schemas/agreement";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "New agreement"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const parentId = url.searchParams.get("parent") ?? "";
  const options = await agreementFormOptions(scope, t.locale);
  const parent = options.parents.find((p) => p.id === parentId);
  const programmeId = url.searchParams.get("programme") ?? "";
  const defaults = {
    programmeId: options.programmes.some((p) => p.id === programmeId) ? programmeId : "",
    parentId: parent ? parent.id : "",
    type: parent ? "AMENDMENT" : "",
    status: "DRAFT",
    signedPrecision: "DAY",
  };
  return json({ pageTitle: t("agreements.new.title"), options, defaults });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, AgreementFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const t = await requestTranslator(request);
  const result = await runAction(form.values, agreementFieldLabels(t), () =>
    createAgreement(ctx, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/agreements/${result.result.id}`, "created");
});

export default function NewAgreement() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("agreements.new.title")}</h1>
      <AgreementForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("agreements.new.submit")} />
    </div>
  );
}
