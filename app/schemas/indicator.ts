import { z } from "zod";
import { message as m, type MessageKey, type Translator } from "~/i18n/translate";
import { enumField, id, checkbox, narratives, optionalId, optionalMeasure, optionalText, requiredDate, requiredText, rowGroup, withRules } from "./fields";

export const RESULT_TYPES = ["OUTPUT", "OUTCOME", "IMPACT", "OTHER"] as const;
export const INDICATOR_MEASURES = ["UNIT", "PERCENTAGE", "QUALITATIVE"] as const;

/** The numeric fields of a period, with how the messages name them (message keys of noun phrases). */
export const PERIOD_NUMBERS = {
  targetValue: "indicators.v.target",
  actualValue: "indicators.v.actual",
  targetFemale: "indicators.v.targetFemale",
  targetMale: "indicators.v.targetMale",
  actualFemale: "indicators.v.actualFemale",
  actualMale: "indicators.v.actualMale",
} as const satisfies Record<string, MessageKey>;

type PeriodNumber = keyof typeof PERIOD_NUMBERS;

const PERIOD_FIELDS = ["periodStart", "periodEnd", ...Object.keys(PERIOD_NUMBERS), "targetComment", "actualComment"];

const PeriodRow = z.object({
  periodStart: requiredDate("indicators.v.periodStart"),
  periodEnd: requiredDate("indicators.v.periodEnd"),
  targetValue: optionalMeasure(PERIOD_NUMBERS.targetValue),
  actualValue: optionalMeasure(PERIOD_NUMBERS.actualValue),
  targetFemale: optionalMeasure(PERIOD_NUMBERS.targetFemale),
  targetMale: optionalMeasure(PERIOD_NUMBERS.targetMale),
  actualFemale: optionalMeasure(PERIOD_NUMBERS.actualFemale),
  actualMale: optionalMeasure(PERIOD_NUMBERS.actualMale),
  targetComment: optionalText("indicators.v.targetComment", 2000),
  actualComment: optionalText("indicators.v.actualComment", 2000),
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
const periodRows = rowGroup(
  z.preprocess(
    (v) => (Array.isArray(v) ? v.map((r) => (isBlankRow(r) ? null : r)) : []),
    z.array(PeriodRow.nullable()).max(100, m("indicators.v.tooManyPeriods")),
  ),
  PeriodRow,
  isBlankRow,
);

const baselineYear = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce
    .number({ invalid_type_error: m("indicators.v.baselineYearFormat") })
    .int(m("indicators.v.baselineYearFormat"))
    .min(1900, m("indicators.v.baselineYearRange"))
    .max(2100, m("indicators.v.baselineYearRange"))
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

export const IndicatorFormSchema = withRules(
  z.object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    programmeId: id("indicators.v.programme"),
    agreementId: optionalId(),
    resultType: enumField(RESULT_TYPES, m("indicators.v.resultTypeChoose")),
    measure: enumField(INDICATOR_MEASURES, m("indicators.v.measureChoose")),
    title: requiredText("indicators.v.title", 300),
    description: optionalText("indicators.v.description", 5000),
    /** The title and description in Russian and Korean (IATI narratives). */
    translations: narratives(300, 5000),
    unitLabel: optionalText("indicators.v.unit", 60),
    ascending: checkbox(),
    baselineValue: optionalMeasure("indicators.v.baselineValue"),
    baselineYear,
    baselineComment: optionalText("indicators.v.baselineComment", 2000),
    periods: periodRows,
  }),
  (a, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

    // Numbers by measure: a percentage lies in 0-100; a qualitative indicator has none.
    if (a.baselineValue !== undefined) {
      if (a.measure === "QUALITATIVE") {
        issue(["baselineValue"], m("indicators.v.qualitativeBaseline"));
      } else if (a.measure === "PERCENTAGE" && !inPercentRange(a.baselineValue)) {
        issue(["baselineValue"], m("indicators.v.percentRange"));
      }
    }

    // withRules() gives each period that parses on its own (null otherwise: its
    // own messages are shown); the checks of parsed values below stay as a guard.
    const periods = a.periods ?? [];
    periods.forEach((p, i) => {
      if (!p) return;
      if (isDay(p.periodStart) && isDay(p.periodEnd) && p.periodEnd.getTime() < p.periodStart.getTime()) {
        issue(["periods", i, "periodEnd"], m("indicators.v.periodOrder"));
      }
      for (const [field, label] of Object.entries(PERIOD_NUMBERS) as [PeriodNumber, MessageKey][]) {
        const value = p[field];
        if (value === undefined || !isMeasure(value)) continue;
        if (a.measure === "QUALITATIVE") {
          issue(["periods", i, field], m("indicators.v.qualitativeNumbers", { label: `@${label}` }));
        } else if (a.measure === "PERCENTAGE" && !inPercentRange(value)) {
          issue(["periods", i, field], m("indicators.v.percentRange"));
        } else if (field !== "targetValue" && field !== "actualValue" && measureUnits(value) < ZERO) {
          issue(["periods", i, field], m("indicators.v.sexNegative"));
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
              m(side === "target" ? "indicators.v.sexExceedsTarget" : "indicators.v.sexExceedsActual", {
                sum: formatUnits(sum),
                total: formatUnits(measureUnits(total)),
              }),
            );
          }
        }
      }
    });

    // Periods of one indicator must not overlap (dates are inclusive). The
    // message goes on the later of the two rows: the one that starts later,
    // or, for the same start, the one further down the form.
    const filled = periods
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
            m("indicators.v.overlap", { n: String(x.i + 1), start: ymd(x.p.periodStart), end: ymd(x.p.periodEnd) }),
          );
        }
      }
    }
  },
).transform((a) => ({ ...a, periods: a.periods.filter((p): p is IndicatorPeriodForm => p !== null) }));

const isDay = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
const isMeasure = (v: unknown): v is string => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v);

export function inPercentRange(value: string): boolean {
  if (!isMeasure(value)) return true; // its own field reports it
  const units = measureUnits(value);
  return units >= ZERO && units <= HUNDRED;
}

export type IndicatorForm = z.infer<typeof IndicatorFormSchema>;

const FIELD_KEYS = {
  programmeId: "indicators.field.programmeId", agreementId: "indicators.field.agreementId", resultType: "indicators.field.resultType",
  measure: "indicators.field.measure", title: "indicators.field.title", description: "indicators.field.description",
  unitLabel: "indicators.field.unitLabel", ascending: "indicators.field.ascending", baselineValue: "indicators.field.baselineValue",
  baselineYear: "indicators.field.baselineYear", baselineComment: "indicators.field.baselineComment", periods: "indicators.field.periods",
  translations: "indicators.field.translations",
} as const satisfies Record<string, MessageKey>;

/** Field names as people read them (history, conflicts), in the reader's language; client-safe. */
export function indicatorFieldLabels(t: Translator): Record<string, string> {
  return Object.fromEntries(Object.entries(FIELD_KEYS).map(([field, key]) => [field, t(key)]));
}
