import type { Translator } from "~/i18n/translate";
import type { RequirementFormOptions } from "./requirement-form";

/** The form's choices as the loader sends them: the programme's countries named in the reader's language. */
export function requirementOptionsFor(
  options: { agreements: { id: string; title: string }[]; countries: string[]; organisations: RequirementFormOptions["organisations"] },
  t: Translator,
): RequirementFormOptions {
  return {
    agreements: options.agreements.map((a) => ({ id: a.id, title: a.title })),
    countries: options.countries.map((code) => ({ value: code, label: t.label("country", code) })).sort((a, b) => a.label.localeCompare(b.label, t.locale)),
    organisations: options.organisations,
  };
}

/** Field names as the edit conflict view shows them. */
export function requirementFieldLabels(t: Translator): Record<string, string> {
  return {
    title: t("reporting.form.title"),
    agreementId: t("reporting.form.agreement"),
    frequency: t("reporting.form.frequency"),
    customPeriodEnds: t("reporting.form.customPeriodEnds"),
    startDate: t("reporting.form.startDate"),
    endDate: t("reporting.form.endDate"),
    dueDays: t("reporting.form.dueDays"),
    reporter: t("reporting.form.reporter"),
    reporterCountryCode: t("reporting.form.country"),
    reporterOrganisationId: t("reporting.form.organisation"),
    translations: t("common.translations.heading"),
    periods: t("reporting.form.periods"),
  };
}
