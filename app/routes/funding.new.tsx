import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { FundingForm } from "~/components/funding/funding-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { createFundingLine, fundingFieldLabels, fundingFormOptions } from "~/models/funding.server";
import { FUNDING_KINDS, FundingFormSchema } from "~/schemas/funding";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "New funding line"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const options = await fundingFormOptions(t.locale);
  // Prefill from ?programme=ID, ?kind=DISBURSEMENT, ?provider=ID, ?receiver=ID.
  const programmeId = url.searchParams.get("programme") ?? "";
  const kind = url.searchParams.get("kind") ?? "";
  const org = (key: string) => {
    const id = url.searchParams.get(key) ?? "";
    return options.organisations.some((o) => o.id === id) ? id : "";
  };
  const defaults = {
    programmeId: options.programmes.some((p) => p.id === programmeId) ? programmeId : "",
    kind: (FUNDING_KINDS as readonly string[]).includes(kind) ? kind : "",
    providerOrgId: org("provider"),
    receiverOrgId: org("receiver"),
  };
  return json({ options, defaults, title: t("funding.new.title") });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const form = await parseForm(request, FundingFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await runAction(form.values, fundingFieldLabels(await requestTranslator(request)), () =>
    createFundingLine(ctx, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/funding/${result.result.id}`, "created");
});

export default function NewFundingLine() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("funding.new.title")}</h1>
      <FundingForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("funding.new.submit")} />
    </div>
  );
}
