import { z } from "zod";
import { isSectorCode } from "~/utils/codelists";
import { currencyCode, enumField, id, isCountryCode, optionalAmount, optionalDate, optionalText, requiredText } from "./fields";

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

function percentage(label: string, min: "zero" | "positive") {
  const Label = `${label[0].toUpperCase()}${label.slice(1)}`;
  return z
    .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
    .trim()
    .transform((s) => s.replace(",", ".").replace(/%$/, "").trim())
    .superRefine((s, ctx) => {
      // One message per problem, the first that applies.
      const message = !/^\d{1,3}(\.\d{1,2})?$/.test(s)
        ? `Enter ${label} as a number from ${min === "zero" ? "0" : "0.01"} to 100, e.g. 60 or 12.5.`
        : hundredths(s) > 10_000
          ? `${Label} cannot be more than 100.`
          : min === "positive" && hundredths(s) === 0
            ? `${Label} must be more than 0.`
            : null;
      if (message) ctx.addIssue({ code: "custom", message, fatal: true });
    })
    .transform((s) => formatPercent(hundredths(s)));
}

const requiredPercentage = (label: string) => z.preprocess((v) => (blank(v) ? undefined : v), percentage(label, "positive"));
const optionalPercentage = (label: string) => z.preprocess((v) => (blank(v) ? undefined : v), percentage(label, "zero").optional());

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
      z.array(row.nullable()).max(100, "Keep the list under 100 rows."),
    )
    .superRefine((rows, ctx) => check(rows as (z.output<T> | null)[], ctx))
    .transform((rows) => rows.filter((r): r is NonNullable<typeof r> => r !== null) as z.output<T>[]);
}

/** A code chosen from a list: one message, whether it is missing or unknown. */
const codeFrom = (what: string, known: (code: string) => boolean, unknown: string) =>
  z
    .string({ required_error: `Choose ${what}.`, invalid_type_error: `Choose ${what}.` })
    .trim()
    .superRefine((s, ctx) => {
      if (!s) ctx.addIssue({ code: "custom", message: `Choose ${what}.`, fatal: true });
      else if (!known(s)) ctx.addIssue({ code: "custom", message: unknown, fatal: true });
    });

const OrganisationRow = z.object({
  organisationId: id("an organisation"),
  role: enumField(ORGANISATION_ROLES, "Choose the organisation's role."),
});

const CountryRow = z.object({
  countryCode: codeFrom("a country", (s) => isCountryCode(s.toUpperCase()), "Choose a country from the list (ISO 3166-1).").transform((s) =>
    s.toUpperCase(),
  ),
  percentage: optionalPercentage("the country's share"),
});

const SectorRow = z.object({
  sectorCode: codeFrom("a sector", isSectorCode, "Choose a sector from the list (a 5-digit DAC code in the IATI Sector codelist)."),
  percentage: requiredPercentage("the sector's share"),
});

/**
 * Rules across fields (an end before its start, a budget without currency).
 * They read the submitted strings, so they are reported together with every
 * other error: a zod refinement on the parsed object would only run once all
 * fields, sectors included, were valid.
 */
function crossFieldRules(raw: unknown, ctx: z.RefinementCtx): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const v = raw as Record<string, unknown>;
  const text = (k: string) => (typeof v[k] === "string" ? (v[k] as string).trim() : "");
  const day = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text(k)) ? text(k) : undefined);
  const endBeforeStart = (start: string, end: string) => {
    const [a, b] = [day(start), day(end)];
    return a !== undefined && b !== undefined && b < a; // yyyy-mm-dd compares as text
  };
  if (endBeforeStart("plannedStart", "plannedEnd")) {
    ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "The planned end cannot be before the planned start." });
  }
  if (endBeforeStart("actualStart", "actualEnd")) {
    ctx.addIssue({ code: "custom", path: ["actualEnd"], message: "The actual end cannot be before the actual start." });
  }
  const amount = text("budgetAmount").replace(/[\s,]/g, "");
  if (amount && !text("budgetCurrency")) {
    ctx.addIssue({ code: "custom", path: ["budgetCurrency"], message: "Give the currency of the budget." });
  }
  if (/^-\d/.test(amount)) {
    ctx.addIssue({ code: "custom", path: ["budgetAmount"], message: "The budget cannot be negative." });
  }
  return raw;
}

export const ProgrammeFormSchema = z.preprocess(
  crossFieldRules,
  z.object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    code: z
      .string({ required_error: "Enter a code.", invalid_type_error: "Enter a code." })
      .trim()
      .min(1, "Enter a code.")
      .transform((s) => s.toUpperCase())
      .refine((s) => s.length >= 2 && s.length <= 40, "Use 2 to 40 characters for the code.")
      .refine(
        (s) => /^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(s),
        "Use capital letters, digits and single hyphens for the code, e.g. BY-DRG (it appears in addresses).",
      )
      .refine((s) => !(RESERVED_PROGRAMME_CODES as readonly string[]).includes(s), "This code is reserved; choose another."),
    title: requiredText("a title", 300),
    description: optionalText("the description", 10_000),
    objectives: optionalText("the objectives", 10_000),
    status: enumField(PROGRAMME_STATUSES, "Choose a status."),
    plannedStart: optionalDate("the planned start"),
    plannedEnd: optionalDate("the planned end"),
    actualStart: optionalDate("the actual start"),
    actualEnd: optionalDate("the actual end"),
    budgetAmount: optionalAmount("the budget"),
    budgetCurrency: currencyCode(),
    iatiIdentifier: z.preprocess(
      (v) => (blank(v) ? undefined : v),
      z
        .string()
        .trim()
        .max(150, "Keep the IATI identifier under 150 characters.")
        .regex(
          /^[A-Za-z]{2}-[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/,
          "Use an IATI activity identifier: the reporting organisation's identifier and the activity's own code, e.g. XM-DAC-41114-BY-DRG (letters, digits, hyphens, dots).",
        )
        .optional(),
    ),
    sourceNote: optionalText("the source note", 1000),
    organisations: groupRows(
      OrganisationRow,
      (r) => blank(r.organisationId) && blank(r.role),
      (rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((r, i) => {
          if (!r) return;
          const key = `${r.organisationId}:${r.role}`;
          if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "organisationId"], message: "This organisation is listed twice with the same role." });
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
          if (seen.has(r.countryCode)) ctx.addIssue({ code: "custom", path: [i, "countryCode"], message: "This country is listed twice." });
          seen.add(r.countryCode);
        });
        const filled = rows.map((r, i) => ({ r, i })).filter((x): x is { r: NonNullable<typeof x.r>; i: number } => x.r !== null);
        const withShare = filled.filter((x) => x.r.percentage !== undefined);
        if (withShare.length === 0) return;
        if (withShare.length < filled.length) {
          for (const x of filled) {
            if (x.r.percentage === undefined) {
              ctx.addIssue({ code: "custom", path: [x.i, "percentage"], message: "Give every country a share, or leave all shares empty." });
            }
          }
          return;
        }
        const total = withShare.reduce((sum, x) => sum + hundredths(x.r.percentage!), 0);
        if (total !== 10_000) {
          ctx.addIssue({ code: "custom", path: [], message: `Country shares add up to ${formatPercent(total)}%; they must add up to 100%.` });
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
          if (seen.has(r.sectorCode)) ctx.addIssue({ code: "custom", path: [i, "sectorCode"], message: "This sector is listed twice." });
          seen.add(r.sectorCode);
        });
        const filled = rows.filter((r): r is NonNullable<typeof r> => r !== null);
        if (filled.length === 0) return;
        const total = filled.reduce((sum, r) => sum + hundredths(r.percentage), 0);
        if (total !== 10_000) {
          ctx.addIssue({ code: "custom", path: [], message: `Sector percentages add up to ${formatPercent(total)}%; they must add up to 100%.` });
        }
      },
    ),
  }),
);

export type ProgrammeForm = z.infer<typeof ProgrammeFormSchema>;
