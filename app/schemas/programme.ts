import { z } from "zod";
import { isSectorCode } from "~/utils/codelists";
import { message as m } from "~/i18n/translate";
import {
  afterOrSame,
  currencyCode,
  enumField,
  id,
  isCountryCode,
  narratives,
  optionalAmount,
  optionalDate,
  optionalText,
  requiredText,
  withRules,
  type RuleInput,
} from "./fields";
import { iatiDefaultCode } from "./iati-fields";

// The programme form: the programme itself, the organisations with their IATI
// roles, the partner (recipient) countries and the DAC sectors. One schema for
// the browser and the action; uniqueness of the code and the IATI identifier
// is checked by the model, which needs the database.

export const PROGRAMME_STATUSES = ["PIPELINE", "IMPLEMENTATION", "FINALISATION", "CLOSED", "CANCELLED", "SUSPENDED"] as const;
export const ORGANISATION_ROLES = ["FUNDING", "ACCOUNTABLE", "EXTENDING", "IMPLEMENTING"] as const;

/** Codes that would be read as another page's address (/programmes/new). Matching is case-insensitive. */
export const RESERVED_PROGRAMME_CODES = ["NEW"] as const;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** Hundredths, so sums of shares are exact (60.5 + 39.5 is 100, not 99.99999). */
export const hundredths = (s: string) => Math.round(Number(s) * 100);

/** 90 -> "90", 99.5 -> "99.5", for messages. */
export const formatPercent = (h: number) => String(h / 100);

/**
 * A share in percent. `label` is the message key of the share as an object
 * ("Enter {label}."), `subject` the same share as a sentence's subject ("{Label}
 * cannot be more than 100."): one phrase in English, two cases in Russian.
 */
function percentage(label: string, subject: string, min: "zero" | "positive") {
  const vars = { label: `@${label}` };
  const subjectVars = { label: `@${subject}` };
  return z
    .string({ required_error: m("validation.enter", vars), invalid_type_error: m("validation.enter", vars) })
    .trim()
    .transform((s) => s.replace(",", ".").replace(/%$/, "").trim())
    .superRefine((s, ctx) => {
      // One message per problem, the first that applies.
      const message = !/^\d{1,3}(\.\d{1,2})?$/.test(s)
        ? m(min === "zero" ? "programmeEdit.v.percentFromZero" : "programmeEdit.v.percentFromHundredth", vars)
        : hundredths(s) > 10_000
          ? m("programmeEdit.v.percentTooLarge", subjectVars)
          : min === "positive" && hundredths(s) === 0
            ? m("programmeEdit.v.percentZero", subjectVars)
            : null;
      if (message) ctx.addIssue({ code: "custom", message, fatal: true });
    })
    .transform((s) => formatPercent(hundredths(s)));
}

const requiredPercentage = (label: string, subject: string) =>
  z.preprocess((v) => (blank(v) ? undefined : v), percentage(label, subject, "positive"));
const optionalPercentage = (label: string, subject: string) =>
  z.preprocess((v) => (blank(v) ? undefined : v), percentage(label, subject, "zero").optional());

/**
 * Rows of a repeatable group where blank rows are allowed anywhere: they are
 * checked in place (so an error names the row the user sees) and dropped
 * afterwards. `check` sees the rows with blanks as null, with their form indices.
 */
function groupRows<T extends z.ZodTypeAny>(
  row: T,
  isBlank: (r: Record<string, unknown>) => boolean,
  check: (rows: (z.output<T> | null)[], ctx: z.RefinementCtx) => void,
) {
  return z
    .preprocess(
      (v) => (Array.isArray(v) ? v.map((r) => (r && typeof r === "object" && !isBlank(r as Record<string, unknown>) ? r : null)) : []),
      z.array(row.nullable()).max(100, m("programmeEdit.v.tooManyRows")),
    )
    .superRefine((rows, ctx) => check(rows as (z.output<T> | null)[], ctx))
    .transform((rows) => rows.filter((r): r is NonNullable<typeof r> => r !== null) as z.output<T>[]);
}

/** A code chosen from a list: one message, whether it is missing or unknown. */
const codeFrom = (what: string, known: (code: string) => boolean, unknown: string) =>
  z
    .string({ required_error: m("validation.choose", { label: `@${what}` }), invalid_type_error: m("validation.choose", { label: `@${what}` }) })
    .trim()
    .superRefine((s, ctx) => {
      if (!s) ctx.addIssue({ code: "custom", message: m("validation.choose", { label: `@${what}` }), fatal: true });
      else if (!known(s)) ctx.addIssue({ code: "custom", message: unknown, fatal: true });
    });

const OrganisationRow = z.object({
  organisationId: id("programmeEdit.v.organisation"),
  role: enumField(ORGANISATION_ROLES, m("programmeEdit.v.chooseRole")),
});

const CountryRow = z.object({
  countryCode: codeFrom("programmeEdit.v.country", (s) => isCountryCode(s.toUpperCase()), m("programmeEdit.v.unknownCountry")).transform((s) =>
    s.toUpperCase(),
  ),
  percentage: optionalPercentage("programmeEdit.v.countryShare", "programmeEdit.v.countryShareSubject"),
});

const SectorRow = z.object({
  sectorCode: codeFrom("programmeEdit.v.sector", isSectorCode, m("programmeEdit.v.unknownSector")),
  percentage: requiredPercentage("programmeEdit.v.sectorShare", "programmeEdit.v.sectorShareSubject"),
});

/** Rules across fields (an end before its start, a budget without currency); withRules() reports them with every other error. */
function crossFieldRules(v: RuleInput<z.output<typeof ProgrammeFields>>, ctx: z.RefinementCtx) {
  if (!afterOrSame(v.plannedStart, v.plannedEnd)) {
    ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: m("programmeEdit.v.plannedEndBeforeStart") });
  }
  if (!afterOrSame(v.actualStart, v.actualEnd)) {
    ctx.addIssue({ code: "custom", path: ["actualEnd"], message: m("programmeEdit.v.actualEndBeforeStart") });
  }
  if (v.budgetAmount && !v.budgetCurrency) {
    ctx.addIssue({ code: "custom", path: ["budgetCurrency"], message: m("programmeEdit.v.budgetCurrency") });
  }
  if (v.budgetAmount?.startsWith("-")) {
    ctx.addIssue({ code: "custom", path: ["budgetAmount"], message: m("programmeEdit.v.budgetNegative") });
  }
}

const ProgrammeFields = z.object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    code: z
      .string({ required_error: m("validation.enter", { label: "@programmeEdit.v.code" }), invalid_type_error: m("validation.enter", { label: "@programmeEdit.v.code" }) })
      .trim()
      .min(1, m("validation.enter", { label: "@programmeEdit.v.code" }))
      .transform((s) => s.toUpperCase())
      .refine((s) => s.length >= 2 && s.length <= 40, m("programmeEdit.v.codeLength"))
      .refine(
        (s) => /^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(s),
        m("programmeEdit.v.codePattern"),
      )
      .refine((s) => !(RESERVED_PROGRAMME_CODES as readonly string[]).includes(s), m("programmeEdit.v.codeReserved")),
    title: requiredText("programmeEdit.v.title", 300),
    description: optionalText("programmeEdit.v.description", 10_000),
    /** The title and description in Russian and Korean (IATI narratives). */
    translations: narratives(300, 10_000),
    objectives: optionalText("programmeEdit.v.objectives", 10_000),
    status: enumField(PROGRAMME_STATUSES, m("programmeEdit.v.chooseStatus")),
    plannedStart: optionalDate("programmeEdit.v.plannedStart"),
    plannedEnd: optionalDate("programmeEdit.v.plannedEnd"),
    actualStart: optionalDate("programmeEdit.v.actualStart"),
    actualEnd: optionalDate("programmeEdit.v.actualEnd"),
    budgetAmount: optionalAmount("programmeEdit.v.budget"),
    budgetCurrency: currencyCode(),
    iatiIdentifier: z.preprocess(
      (v) => (blank(v) ? undefined : v),
      z
        .string()
        .trim()
        .max(150, m("validation.tooLong", { label: "@programmeEdit.v.iatiIdentifier", max: 150 }))
        .regex(
          /^[A-Za-z]{2}-[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/,
          m("programmeEdit.v.iatiPattern"),
        )
        .optional(),
    ),
    sourceNote: optionalText("programmeEdit.v.sourceNote", 1000),
    // IATI defaults of the programme and its activities (issue 17).
    iatiAidType: iatiDefaultCode("iatiAidType"),
    iatiFlowType: iatiDefaultCode("iatiFlowType"),
    iatiFinanceType: iatiDefaultCode("iatiFinanceType"),
    iatiTiedStatus: iatiDefaultCode("iatiTiedStatus"),
    iatiCollaborationType: iatiDefaultCode("iatiCollaborationType"),
    organisations: groupRows(
      OrganisationRow,
      (r) => blank(r.organisationId) && blank(r.role),
      (rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((r, i) => {
          if (!r) return;
          const key = `${r.organisationId}:${r.role}`;
          if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "organisationId"], message: m("programmeEdit.v.organisationTwice") });
          seen.add(key);
        });
      },
    ),
    countries: groupRows(
      CountryRow,
      (r) => blank(r.countryCode) && blank(r.percentage),
      (rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((r, i) => {
          if (!r) return;
          if (seen.has(r.countryCode)) ctx.addIssue({ code: "custom", path: [i, "countryCode"], message: m("programmeEdit.v.countryTwice") });
          seen.add(r.countryCode);
        });
        const filled = rows.map((r, i) => ({ r, i })).filter((x): x is { r: NonNullable<typeof x.r>; i: number } => x.r !== null);
        const withShare = filled.filter((x) => x.r.percentage !== undefined);
        // IATI: "When multiple recipient countries are declared, each must
        // have a percentage" (and they add up to 100). One country needs none.
        if (filled.length > 1 && withShare.length < filled.length) {
          for (const x of filled) {
            if (x.r.percentage === undefined) {
              ctx.addIssue({ code: "custom", path: [x.i, "percentage"], message: m("iatiFields.v.countryShareNeeded") });
            }
          }
          return;
        }
        if (withShare.length === 0) return;
        const total = withShare.reduce((sum, x) => sum + hundredths(x.r.percentage!), 0);
        if (total !== 10_000) {
          ctx.addIssue({ code: "custom", path: [], message: m("programmeEdit.v.countryTotal", { total: formatPercent(total) }) });
        }
      },
    ),
    sectors: groupRows(
      SectorRow,
      (r) => blank(r.sectorCode) && blank(r.percentage),
      (rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((r, i) => {
          if (!r) return;
          if (seen.has(r.sectorCode)) ctx.addIssue({ code: "custom", path: [i, "sectorCode"], message: m("programmeEdit.v.sectorTwice") });
          seen.add(r.sectorCode);
        });
        const filled = rows.filter((r): r is NonNullable<typeof r> => r !== null);
        if (filled.length === 0) return;
        const total = filled.reduce((sum, r) => sum + hundredths(r.percentage), 0);
        if (total !== 10_000) {
          ctx.addIssue({ code: "custom", path: [], message: m("programmeEdit.v.sectorTotal", { total: formatPercent(total) }) });
        }
      },
    ),
});

export const ProgrammeFormSchema = withRules(ProgrammeFields, crossFieldRules);

export type ProgrammeForm = z.infer<typeof ProgrammeFormSchema>;
