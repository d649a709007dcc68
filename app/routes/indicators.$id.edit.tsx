import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { IndicatorForm } from "~/components/indicators/indicator-form";
import { useT } from "~/i18n/context";
import { narrative } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { indicatorFieldLabels, indicatorFormOptions, indicatorPeriodDefaults, requireIndicator, updateIndicator } from "~/models/indicator.server";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { narrativeDefaults } from "~/utils/narratives";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.metaTitle ?? "Edit indicator"} · Concord` }];

const str = (v: { toString(): string } | null) => (v === null ? "" : v.toString());

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const i = await requireIndicator(scope, params.id ?? "");
  const t = await requestTranslator(request);
  const options = await indicatorFormOptions(scope, t.locale);
  // Keep a linked agreement that has since been archived choosable, so saving does not drop it.
  if (i.agreement && !options.agreements.some((a) => a.id === i.agreement!.id)) {
    options.agreements.push({ id: i.agreement.id, title: t("indicators.edit.archivedOption", { title: narrative(i.agreement, "title", i.agreement.title, t.locale) }), programmeId: i.programmeId, programme: { code: i.programme.code } });
  }
  const defaults = {
    version: String(i.version),
    programmeId: i.programmeId,
    agreementId: i.agreementId ?? "",
    resultType: i.resultType,
    measure: i.measure,
    title: i.title,
    description: i.description ?? "",
    translations: narrativeDefaults(i.translations),
    unitLabel: i.unitLabel ?? "",
    ascending: i.ascending,
    baselineValue: str(i.baselineValue),
    baselineYear: i.baselineYear === null ? "" : String(i.baselineYear),
    baselineComment: i.baselineComment ?? "",
    periods: i.periods.map(indicatorPeriodDefaults),
  };
  return json({ id: i.id, title: i.title, metaTitle: t("indicators.edit.metaTitle", { title: i.title }), options, defaults });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireIndicator(scope, params.id ?? "");
  const form = await parseForm(request, IndicatorFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("indicators.edit.noVersion"));
  const result = await runAction(form.values, indicatorFieldLabels(await requestTranslator(request)), () =>
    updateIndicator(ctx, existing.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/indicators/${existing.id}`, "saved");
});

export default function EditIndicator() {
  const { id, title, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <p className="text-sm">
        <Link to={`/indicators/${id}`} className="text-brand-700 underline">
          {t("indicators.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{t("indicators.edit.title", { title })}</h1>
      <IndicatorForm defaults={defaults} actionData={actionData} options={options} submitLabel={t("indicators.edit.submit")} />
    </div>
  );
}
