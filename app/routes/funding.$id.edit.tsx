import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { FundingForm } from "~/components/funding/funding-form";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { fundingFieldLabels, fundingFormDefaults, fundingFormOptions, requireFundingLine, updateFundingLine } from "~/models/funding.server";
import { FundingFormSchema } from "~/schemas/funding";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.metaTitle ?? "Edit funding line"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const f = await requireFundingLine(scope, params.id ?? "");
  const t = await requestTranslator(request);
  const options = await fundingFormOptions(t.locale);
  // Organisations archived since keep their place in the choice, so saving does not drop them.
  for (const org of [f.provider, f.receiver]) {
    if (org && !options.organisations.some((o) => o.id === org.id)) options.organisations.push({ ...org, fullName: t("funding.edit.archivedOption", { name: org.fullName }) });
  }
  const defaults = fundingFormDefaults(f);

  const title = t("funding.edit.recordTitle", { kind: t.label("fundingKind", f.kind), programme: f.programme.title });
  return json({ id: f.id, title, metaTitle: t("funding.edit.metaTitle", { title }), options, defaults });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireFundingLine(scope, params.id ?? "");
  const form = await parseForm(request, FundingFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("funding.edit.noVersion"));
  const result = await runAction(form.values, fundingFieldLabels(await requestTranslator(request)), () =>
    updateFundingLine(ctx, existing.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/funding/${existing.id}`, "saved");
});

export default function EditFundingLine() {
  const { id, title, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/funding/${id}`} className="text-brand-700 underline">
          {t("funding.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{t("funding.edit.title", { title })}</h1>
      <FundingForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("funding.edit.submit")} />
    </div>
  );
}
