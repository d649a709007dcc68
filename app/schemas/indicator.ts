import { z } from "zod";
import { enumField, id, checkbox, optionalId, optionalMeasure, optionalText, requiredDate, requiredText } from "./fields";

export const RESULT_TYPES = ["OUTPUT", "OUTCOME", "IMPACT", "OTHER"] as const;
export const INDICATOR_MEASURES = ["UNIT", "PERCENTAGE", "QUALITATIVE"] as const;

/** The numeric fields of a period, with how the messages name them. */
export const PERIOD_NUMBERS = {
  targetValue: "the target",
  actualValue: "the actual value",
  targetFemale: "the target for women",
  targetMale: "the target for men",
  actualFemale: "the actual value for women",
  actualMale: "the actual value for men",
} as const;

type PeriodNumber = keyof typeof PERIOD_NUMBERS;

const PERIOD_FIELDS = ["periodStart", "periodEnd", ...Object.keys(PERIOD_NUMBERS), "targetComment", "actualComment"];

const PeriodRow = z.object({
  periodStart: requiredDate("the period start"),
  periodEnd: requiredDate("the period end"),
  targetValue: optionalMeasure("the target"),
  actualValue: optionalMeasure("the actual value"),
  targetFemale: optionalMeasure("the target for women"),
  targetMale: optionalMeasure("the target for men"),
  actualFemale: optionalMeasure("the actual value for women"),
  actualMale: optionalMeasure("the actual value for men"),
  targetComment: optionalText("the target comment", 2000),
  actualComment: optionalText("the actual comment", 2000),
});

export type IndicatorPeriodForm = z.infer<typeof PeriodRow>;

function isBlankRow(row: unknown): boolean {
  if (!row || typeof row !== "object") return true;
  const r = row as Record<string, unknown>;
  return PERIOD_FIELDS.every((f) => r[f] === undefined || r[f] === null || (typeof r[f] === "string" && (r[f] as string).trim() === ""));
}

/**
 * Period rows as the form sends them: filled rows plus blank ones. Blank rows
 * stay in the array (as null) until the checks below have run, so an error's
 * path ("periods.2.periodStart") is the row the user sees, even when a blank
 * row sits between filled ones.
 */
const periodRows = z.preprocess(
  (v) => (Array.isArray(v) ? v.map((r) => (isBlankRow(r) ? null : r)) : []),
  z.array(PeriodRow.nullable()).max(100, "Keep to at most 100 periods."),
);

const baselineYear = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce
    .number({ invalid_type_error: "Enter the baseline year as a year, e.g. 2021." })
    .int("Enter the baseline year as a year, e.g. 2021.")
    .min(1900, "Enter a baseline year between 1900 and 2100.")
    .max(2100, "Enter a baseline year between 1900 and 2100.")
    .optional(),
);

// BigInt() rather than 1n literals: the browser bundle targets an older ECMAScript.
const ZERO = BigInt(0);
const TEN_THOUSAND = BigInt(10_000);

/** A decimal string with up to 4 decimals as an exact integer of ten-thousandths. */
export function measureUnits(value: string): bigint {
  const negative = value.startsWith("-");
  const [whole, frac = ""] = value.replace(/^-/, "").split(".");
  const units = BigInt(whole || "0") * TEN_THOUSAND + BigInt((frac + "0000").slice(0, 4));
  return negative ? -units : units;
}

const HUNDRED = measureUnits("100");

function formatUnits(units: bigint): string {
  const negative = units < ZERO;
  const abs = negative ? -units : units;
  const whole = abs / TEN_THOUSAND;
  const frac = (abs % TEN_THOUSAND).toString().padStart(4, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole.toLocaleString("en-GB")}${frac ? `.${frac}` : ""}`;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

export const IndicatorFormSchema = z
  .object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    programmeId: id("the programme"),
    agreementId: optionalId(),
    resultType: enumField(RESULT_TYPES, "Choose the result type: output, outcome, impact or other."),
    measure: enumField(INDICATOR_MEASURES, "Choose how the indicator is measured."),
    title: requiredText("a title", 300),
    description: optionalText("the description", 5000),
    unitLabel: optionalText("the unit", 60),
    ascending: checkbox(),
    baselineValue: optionalMeasure("the baseline value"),
    baselineYear,
    baselineComment: optionalText("the baseline comment", 2000),
    periods: periodRows,
  })
  .superRefine((a, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

    // Numbers by measure: a percentage lies in 0-100; a qualitative indicator has none.
    if (a.baselineValue !== undefined) {
      if (a.measure === "QUALITATIVE") {
        issue(["baselineValue"], "A qualitative indicator has no numeric baseline; describe it in the baseline comment.");
      } else if (a.measure === "PERCENTAGE" && !inPercentRange(a.baselineValue)) {
        issue(["baselineValue"], "A percentage lies between 0 and 100.");
      }
    }

    // zod runs this refinement even when a field failed (a "dirty" parse);
    // such a field still holds what was typed, so every rule below first
    // checks it has a parsed value (a date, a number) and skips it otherwise:
    // the field's own message is already shown (tests/e2e/hostile-input.spec.ts).
    a.periods.forEach((p, i) => {
      if (!p) return;
      if (isDay(p.periodStart) && isDay(p.periodEnd) && p.periodEnd.getTime() < p.periodStart.getTime()) {
        issue(["periods", i, "periodEnd"], "The period cannot end before it starts.");
      }
      for (const [field, label] of Object.entries(PERIOD_NUMBERS) as [PeriodNumber, string][]) {
        const value = p[field];
        if (value === undefined || !isMeasure(value)) continue;
        if (a.measure === "QUALITATIVE") {
          issue(["periods", i, field], `A qualitative indicator has no numbers: leave ${label} empty and describe it in the comment.`);
        } else if (a.measure === "PERCENTAGE" && !inPercentRange(value)) {
          issue(["periods", i, field], "A percentage lies between 0 and 100.");
        } else if (field !== "targetValue" && field !== "actualValue" && measureUnits(value) < ZERO) {
          issue(["periods", i, field], "Figures by sex cannot be negative.");
        }
      }
      if (a.measure !== "QUALITATIVE") {
        for (const side of ["target", "actual"] as const) {
          const total = p[`${side}Value`];
          const female = p[`${side}Female`];
          const male = p[`${side}Male`];
          if (total === undefined || (female === undefined && male === undefined)) continue;
          if (![total, female, male].every((v) => v === undefined || isMeasure(v))) continue;
          const sum = (female ? measureUnits(female) : ZERO) + (male ? measureUnits(male) : ZERO);
          if (sum > measureUnits(total)) {
            issue(
              ["periods", i, female !== undefined ? `${side}Female` : `${side}Male`],
              `Women and men together (${formatUnits(sum)}) exceed the ${side === "target" ? "target" : "actual value"} (${formatUnits(measureUnits(total))}).`,
            );
          }
        }
      }
    });

    // Periods of one indicator must not overlap (dates are inclusive). The
    // message goes on the later of the two rows: the one that starts later,
    // or, for the same start, the one further down the form.
    const filled = a.periods
      .map((p, i) => ({ p, i }))
      .filter(
        (x): x is { p: IndicatorPeriodForm; i: number } =>
          x.p !== null && isDay(x.p.periodStart) && isDay(x.p.periodEnd) && x.p.periodEnd.getTime() >= x.p.periodStart.getTime(),
      );
    const flagged = new Set<number>();
    for (const x of filled) {
      for (const y of filled) {
        if (x.i === y.i) continue;
        const later = y.p.periodStart.getTime() > x.p.periodStart.getTime() || (y.p.periodStart.getTime() === x.p.periodStart.getTime() && y.i > x.i);
        if (!later || flagged.has(y.i)) continue;
        if (y.p.periodStart.getTime() <= x.p.periodEnd.getTime()) {
          flagged.add(y.i);
          issue(
            ["periods", y.i, "periodStart"],
            `This period overlaps period ${x.i + 1} (${ymd(x.p.periodStart)} to ${ymd(x.p.periodEnd)}). Periods of one indicator must not overlap.`,
          );
        }
      }
    }
  })
  .transform((a) => ({ ...a, periods: a.periods.filter((p): p is IndicatorPeriodForm => p !== null) }));

const isDay = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
const isMeasure = (v: unknown): v is string => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v);

function inPercentRange(value: string): boolean {
  if (!isMeasure(value)) return true; // its own field reports it
  const units = measureUnits(value);
  return units >= ZERO && units <= HUNDRED;
}

export type IndicatorForm = z.infer<typeof IndicatorFormSchema>;

/** Client-safe: record pages render these. */
export const INDICATOR_FIELD_LABELS: Record<string, string> = {
  programmeId: "Programme", agreementId: "Agreement", resultType: "Result type", measure: "Measure", title: "Title",
  description: "Description", unitLabel: "Unit", ascending: "Higher is better", baselineValue: "Baseline value",
  baselineYear: "Baseline year", baselineComment: "Baseline comment", periods: "Periods",
};
