import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { FormSection, HiddenField, Select, TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { Notice } from "~/components/records/record-parts";
import currencies from "~/data/iati/codelists/Currency";
// The codelist the form's schema reads too; ~/utils/codelists would also bring the 300 DAC sectors into this page's bundle.
import organisationTypes from "~/data/iati/codelists/OrganisationType";
import { useT } from "~/i18n/context";
import { LOCALE_NAMES, LOCALES } from "~/i18n/locales";
import { requestTranslator } from "~/i18n/request.server";
import { countOrganisationsWithoutIatiRef } from "~/models/organisation-admin.server";
import { getPublisher, publisherFormDefaults, publisherHasPublished, savePublisher } from "~/models/publisher.server";
import { publisherFieldLabels, PublisherFormSchema, PUBLISHER_CURRENCIES } from "~/schemas/publisher";
import { runAction } from "~/utils/action.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/form.server";
import { isIllustrativeOrgId } from "~/utils/iati-org-id";
import { withDomainErrors } from "~/utils/respond.server";
import { IatiAdminNav } from "~/components/iati/iati-admin-nav";

// The centre's identity as IATI publisher (issue 17). Administrators only, as
// the other admin pages: the identifier is what every published activity's
// identifier starts with, so it is not a staff setting.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "IATI publisher · Concord" }];

const NOTICES = { saved: "iatiPublisher.notice.saved", unchanged: "iatiPublisher.notice.unchanged" } as const;

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [publisher, published, withoutRef, t] = await Promise.all([
    getPublisher(),
    publisherHasPublished(),
    countOrganisationsWithoutIatiRef(),
    requestTranslator(request),
  ]);
  return json({
    title: t("iatiPublisher.metaTitle"),
    ref: publisher?.ref ?? null,
    illustrative: publisher ? isIllustrativeOrgId(publisher.ref) : false,
    published,
    withoutRef,
    defaults: publisherFormDefaults(publisher),
  });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const form = await parseForm(request, PublisherFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await runAction(form.values, publisherFieldLabels(await requestTranslator(request)), () => savePublisher(ctx, form.data));
  if (!result.ok) return result.response;
  throw await redirectWithNotice("/admin/publisher", result.result.changed ? "saved" : "unchanged");
});

const CURRENCY_OPTIONS = currencies.items
  .filter((c) => PUBLISHER_CURRENCIES.has(c.code))
  .map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));

export default function PublisherSettings() {
  const { ref, illustrative, published, withoutRef, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const types = organisationTypes.items.map((o) => ({ value: o.code, label: `${o.code} — ${t.label("organisationType", o.code)}` }));
  const languages = LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }));
  const nameField = { en: "nameEn", ru: "nameRu", ko: "nameKo" } as const;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <IatiAdminNav />
      <h1 className="text-2xl font-bold">{t("iatiPublisher.title")}</h1>
      <p className="text-slate-700">{t("iatiPublisher.intro")}</p>
      <Notice texts={NOTICES} />
      {!ref ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("iatiPublisher.notSet")}
        </p>
      ) : null}
      {ref && illustrative ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm font-medium text-amber-900">
          {t("iatiPublisher.illustrative", { ref })}
        </p>
      ) : null}
      {ref && published && !illustrative ? (
        <p role="note" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800">
          {t("iatiPublisher.published", { ref })}
        </p>
      ) : null}
      {withoutRef > 0 ? (
        <p className="text-sm">
          <Link to="/admin/organisations-without-iati" className="text-brand-700 underline">
            {t("iatiPublisher.missingLink", { count: withoutRef })}
          </Link>
        </p>
      ) : null}
      <ZodForm schema={PublisherFormSchema} defaults={defaults} actionData={actionData}>
        <HiddenField name="version" />
        <FormSection title={t("iatiPublisher.section.identity")}>
          <TextInput name="orgRef" label={t("iatiPublisher.field.orgRef")} hint={t("iatiPublisher.field.orgRef.hint")} required />
          <Select name="orgType" label={t("iatiPublisher.field.orgType")} options={types} placeholder={t("iatiPublisher.choose")} required />
        </FormSection>
        <FormSection title={t("iatiPublisher.section.names")} description={t("iatiPublisher.section.names.description")}>
          {LOCALES.map((l) => (
            <TextInput key={l} name={nameField[l]} lang={l} label={t("iatiPublisher.field.nameIn", { lang: LOCALE_NAMES[l] })} className="sm:col-span-2" />
          ))}
        </FormSection>
        <FormSection title={t("iatiPublisher.section.defaults")}>
          <Select name="lang" label={t("iatiPublisher.field.lang")} hint={t("iatiPublisher.field.lang.hint")} options={languages} placeholder={null} required />
          <Select
            name="defaultCurrency"
            label={t("iatiPublisher.field.defaultCurrency")}
            options={CURRENCY_OPTIONS}
            placeholder={t("iatiPublisher.choose")}
            required
          />
          <TextInput
            name="publicBaseUrl"
            type="url"
            label={t("iatiPublisher.field.publicBaseUrl")}
            hint={t("iatiPublisher.field.publicBaseUrl.hint")}
            className="sm:col-span-2"
            required
          />
        </FormSection>
        <SubmitButton>{t("iatiPublisher.submit")}</SubmitButton>
      </ZodForm>
    </div>
  );
}
