import { z } from "zod";
import currencies from "~/data/iati/codelists/Currency";
import organisationTypes from "~/data/iati/codelists/OrganisationType";
import { LOCALES, type Locale } from "~/i18n/locales";
import { message as m, type Translator } from "~/i18n/translate";
import { orgIdProblem, type OrgIdProblem } from "~/utils/iati-org-id";
import { cleanText, withRules } from "./fields";

// The centre as IATI publisher (issue 17): the one settings row an
// administrator edits on /admin/publisher. Client-safe: the same schema checks
// the form in the browser and again in the action. The identifier's prefix is
// checked against the OrganisationRegistrationAgency codelist
// (~/utils/iati-org-id, shared with the organisation form).

/** Active codes of an IATI codelist copy (app/data/iati/codelists). */
const activeCodes = (list: { items: readonly { code: string; withdrawn?: boolean }[] }) =>
  new Set(list.items.filter((i) => !i.withdrawn).map((i) => i.code));

export const PUBLISHER_CURRENCIES = activeCodes(currencies);
export const PUBLISHER_ORG_TYPES = activeCodes(organisationTypes);

/** The message for a problem found by orgIdProblem, for translation in the reader's language. */
export function orgIdMessage(problem: OrgIdProblem): string {
  switch (problem.kind) {
    case "empty":
      return m("iatiPublisher.v.orgRefEmpty");
    case "forbiddenChars":
      return m("iatiPublisher.v.orgRefChars");
    case "unknownPrefix":
      return m("iatiPublisher.v.orgRefPrefix", { prefix: problem.prefix });
    case "withdrawnPrefix":
      return m("iatiPublisher.v.orgRefWithdrawn", { prefix: problem.prefix });
    case "examplePrefix":
      return m("iatiPublisher.v.orgRefExample");
    case "noNumber":
      return m("iatiPublisher.v.orgRefNoNumber", { prefix: problem.prefix });
  }
}

/**
 * An IATI organisation identifier field: trimmed, at most 100 characters, a
 * known and active agency prefix, the organisation's number after it.
 * Used by the publisher form and the organisation form.
 */
export const iatiOrgRef = () =>
  z
    .string({ required_error: m("iatiPublisher.v.orgRefEmpty"), invalid_type_error: m("iatiPublisher.v.orgRefEmpty") })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .trim()
        .max(100, m("iatiPublisher.v.orgRefTooLong", { max: 100 }))
        .superRefine((value, ctx) => {
          const problem = orgIdProblem(value);
          if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: orgIdMessage(problem) });
        }),
    );

const optionalName = z.preprocess(
  (v) => (typeof v === "string" ? cleanText(v).trim() || undefined : v),
  z.string().max(300, m("iatiPublisher.v.nameTooLong", { max: 300 })).optional(),
);

/**
 * The base of the public URLs in the files: absolute http(s), no query or
 * fragment (links are built by appending "/iati/..." to it), no trailing slash.
 */
const publicBaseUrl = z
  .string({ required_error: m("iatiPublisher.v.baseUrl"), invalid_type_error: m("iatiPublisher.v.baseUrl") })
  .trim()
  .min(1, m("iatiPublisher.v.baseUrl"))
  .max(200, m("iatiPublisher.v.baseUrlTooLong", { max: 200 }))
  .superRefine((value, ctx) => {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname || /\s/.test(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: m("iatiPublisher.v.baseUrlAbsolute") });
    } else if (url.search || url.hash || value.includes("?") || value.includes("#")) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: m("iatiPublisher.v.baseUrlQuery") });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: m("iatiPublisher.v.baseUrlCredentials") });
    }
  })
  .transform((value) => value.replace(/\/+$/, ""));

const NAME_FIELD: Record<Locale, "nameEn" | "nameRu" | "nameKo"> = { en: "nameEn", ru: "nameRu", ko: "nameKo" };

export const PublisherFormSchema = withRules(
  z.object({
    /** The version the administrator loaded; absent while there is no row yet. */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    orgRef: iatiOrgRef(),
    orgType: z
      .string({ required_error: m("iatiPublisher.v.orgType"), invalid_type_error: m("iatiPublisher.v.orgType") })
      .trim()
      .refine((v) => PUBLISHER_ORG_TYPES.has(v), m("iatiPublisher.v.orgType")),
    lang: z.enum(LOCALES, { errorMap: () => ({ message: m("iatiPublisher.v.lang") }) }),
    nameEn: optionalName,
    nameRu: optionalName,
    nameKo: optionalName,
    defaultCurrency: z
      .string({ required_error: m("iatiPublisher.v.currency"), invalid_type_error: m("iatiPublisher.v.currency") })
      .trim()
      .refine((v) => PUBLISHER_CURRENCIES.has(v), m("iatiPublisher.v.currency")),
    publicBaseUrl,
  }),
  (value, ctx) => {
    // The name in the default language is the files' reporting-org narrative without xml:lang.
    const field = value.lang ? NAME_FIELD[value.lang] : undefined;
    if (field && !value[field]) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: m("iatiPublisher.v.nameInLang", { lang: `@iatiPublisher.lang.${value.lang}` }) });
    }
  },
);

export type PublisherForm = z.infer<typeof PublisherFormSchema>;

/** The names by language as the form holds them. */
export function publisherNames(form: Pick<PublisherForm, "nameEn" | "nameRu" | "nameKo">): Partial<Record<Locale, string>> {
  const names: Partial<Record<Locale, string>> = {};
  for (const locale of LOCALES) {
    const name = form[NAME_FIELD[locale]];
    if (name) names[locale] = name;
  }
  return names;
}

/** Field names for the "someone else changed this" notice, in the reader's language. */
export function publisherFieldLabels(t: Translator): Record<string, string> {
  return {
    orgRef: t("iatiPublisher.field.orgRef"),
    orgType: t("iatiPublisher.field.orgType"),
    lang: t("iatiPublisher.field.lang"),
    name: t("iatiPublisher.field.name"),
    translations: t("iatiPublisher.field.translations"),
    defaultCurrency: t("iatiPublisher.field.defaultCurrency"),
    publicBaseUrl: t("iatiPublisher.field.publicBaseUrl"),
  };
}
