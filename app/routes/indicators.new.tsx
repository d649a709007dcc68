import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { IndicatorForm } from "~/components/indicators/indicator-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { createIndicator, indicatorFieldLabels, indicatorFormOptions } from "~/models/indicator.server";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "New indicator"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const options = await indicatorFormOptions(scope, t.locale);
  // Prefill from ?agreement=ID (its programme too) or ?programme=ID.
  const agreement = options.agreements.find((a) => a.id === url.searchParams.get("agreement"));
  const programmeId = agreement?.programmeId ?? url.searchParams.get("programme") ?? "";
  const defaults = {
    programmeId: options.programmes.some((p) => p.id === programmeId) ? programmeId : "",
    agreementId: agreement?.id ?? "",
    resultType: "",
    measure: "UNIT",
    ascending: true,
  };
  return json({ options, defaults, title: t("indicators.new.title") });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, IndicatorFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await runAction(form.values, indicatorFieldLabels(await requestTranslator(request)), () =>
    createIndicator(ctx, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/indicators/${result.result.id}`, "created");
});

export default function NewIndicator() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <h1 className="text-2xl font-bold">{t("indicators.new.title")}</h1>
      <IndicatorForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("indicators.new.submit")} />
    </div>
  );
}
