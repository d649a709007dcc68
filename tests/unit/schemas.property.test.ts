import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgreementFormSchema } from "~/schemas/agreement";
import { ActivityFormSchema } from "~/schemas/activity";
import { CommentFormSchema, COMMENT_MAX } from "~/schemas/comment";
import { DeliverableFormSchema, latestToday } from "~/schemas/deliverable";
import { cleanText, id, optionalAmount, optionalMeasure, optionalText, requiredDate, requiredText } from "~/schemas/fields";
import { FundingFormSchema } from "~/schemas/funding";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { CORPUS } from "../hostile/corpus";
import { english } from "../support/english";

// Property-based tests (fast-check) on the form schemas of app/schemas: any
// input, however hostile, gets a result and never an exception; every valid
// input parses and parses again to the same value; date order, sums and
// lengths hold for every generated input; the normalisation of free text is
// idempotent. A failure prints the smallest counterexample fast-check found.

const RUNS = { numRuns: 300 };

// Strings that stress the parsers: any UTF-16 (lone surrogates included), the corpus, and form-ish values.
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom(...CORPUS.filter((s) => s.value.length <= 20_000).map((s) => s.value)),
  fc.constantFrom("", " ", "0", "-1", "1e9", "NaN", "2024-02-30", "2024-01-01", "USD", "BY", "on", "true", "[]", "{}"),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: anyString },
  { weight: 1, arbitrary: fc.array(anyString, { maxLength: 4 }) },
  // Rows as formDataToObject builds them: plain objects of strings.
  {
    weight: 1,
    arbitrary: fc.array(
      fc.dictionary(fc.constantFrom("organisationId", "role", "countryCode", "percentage", "sectorCode", "label", "total", "female", "male", "periodStart", "periodEnd", "targetValue", "actualValue", "targetFemale", "targetMale", "actualFemale", "actualMale"), anyString).map((o) => ({ ...o })),
      { maxLength: 4 },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, 0, -1, 1.5, true, false, {}, [], Number.NaN) },
);

/** Every zod schema exported by app/schemas/*.ts, found by reading the directory (a new one is included). */
async function allSchemas(): Promise<{ name: string; schema: z.ZodTypeAny; keys: string[] }[]> {
  const dir = path.resolve("app/schemas");
  const out: { name: string; schema: z.ZodTypeAny; keys: string[] }[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const mod = (await import(/* @vite-ignore */ path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (!(value instanceof z.ZodType) || !/Schema$/.test(name)) continue;
      out.push({ name: `${file}:${name}`, schema: value, keys: shapeKeys(value) });
    }
  }
  return out;
}

function shapeKeys(schema: z.ZodTypeAny): string[] {
  let s: z.ZodTypeAny = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) return Object.keys(s.shape);
    if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodDiscriminatedUnion) {
      const options = s.options as z.ZodObject<z.ZodRawShape>[];
      return [...new Set(options.flatMap((o) => Object.keys(o.shape)))];
    }
    else if (s instanceof z.ZodPipeline) s = s._def.in;
    else break;
  }
  return [];
}

describe("every form schema", () => {
  it("returns a result for any input (never throws), and a failure names fields", async () => {
    const schemas = await allSchemas();
    expect(schemas.length).toBeGreaterThanOrEqual(12);
    for (const { name, schema, keys } of schemas) {
      const input = keys.length
        ? fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] })
        : anyValue;
      await fc.assert(
        fc.asyncProperty(input, async (values) => {
          let result: z.SafeParseReturnType<unknown, unknown>;
          try {
            result = await schema.safeParseAsync(values);
          } catch (error) {
            throw new Error(`${name} threw on ${JSON.stringify(values)?.slice(0, 300)}: ${(error as Error).message}`);
          }
          expect(typeof result.success).toBe("boolean");
          if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
        }),
        { numRuns: 120 },
      );
    }
  });
});

describe("free text", () => {
  it("cleanText is idempotent, keeps text well-formed and in NFC, and drops control characters", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom(...CORPUS.map((s) => s.value))), (s) => {
        const once = cleanText(s);
        expect(cleanText(once)).toBe(once);
        expect(once.normalize("NFC")).toBe(once);
        expect(once).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/);
        // Well-formed UTF-16: survives a UTF-8 round trip unchanged.
        expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(new TextEncoder().encode(once))).toBe(once);
      }),
      RUNS,
    );
  });

  it("requiredText accepts exactly the texts of 1..max characters after cleaning and trimming, and parsing again changes nothing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (s, max) => {
        const schema = requiredText("a title", max);
        const expected = cleanText(s).trim();
        const result = schema.safeParse(s);
        expect(result.success).toBe(expected.length >= 1 && expected.length <= max);
        if (result.success) {
          expect(result.data).toBe(expected);
          expect(schema.parse(result.data)).toBe(result.data);
        }
      }),
      RUNS,
    );
  });

  it("optionalText turns blank into undefined and is idempotent", () => {
    const schema = optionalText("the note", 50);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const result = schema.safeParse(s);
        const expected = cleanText(s).trim();
        if (expected === "") expect(result.success && result.data === undefined).toBe(true);
        else if (expected.length <= 50) expect(result.success && result.data === expected).toBe(true);
        else expect(result.success).toBe(false);
        if (result.success && result.data !== undefined) expect(schema.parse(result.data)).toBe(result.data);
      }),
      RUNS,
    );
  });

  it("record ids accept only id characters, so a NUL byte never reaches the database", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 50 }), (s) => {
        const result = id("the programme").safeParse(s);
        if (result.success) expect(result.data).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
      }),
      RUNS,
    );
  });
});

describe("numbers and dates", () => {
  it("amounts with up to two decimals arrive exactly as typed, with or without thousands separators", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 99 }), fc.boolean(), (units, cents, grouped) => {
        const plain = `${units}.${String(cents).padStart(2, "0")}`;
        const typed = grouped ? `${units.toLocaleString("en-US")}.${String(cents).padStart(2, "0")}` : plain;
        expect(optionalAmount("the value").parse(typed)).toBe(plain);
      }),
      RUNS,
    );
  });

  it("every refusal of an amount or an indicator figure says what is wrong with it (not a number, too large, too many decimals)", () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    const fields = [
      { schema: optionalAmount("funding.v.amount"), noun: "The amount", before: 18, after: 2, notNumber: "Enter the amount as a number with at most two decimals." },
      { schema: optionalMeasure("indicators.v.target"), noun: "The target", before: 16, after: 4, notNumber: "Enter the target as a number." },
    ];
    const typed = fc.oneof(
      // Numbers of any size: whole digits, maybe a point and decimals, maybe a sign.
      fc.tuple(fc.boolean(), digits(1, 40), fc.option(digits(1, 8), { nil: undefined })).map(([neg, whole, frac]) => ({
        text: `${neg ? "-" : ""}${whole}${frac === undefined ? "" : `.${frac}`}`,
        whole: whole.length,
        frac: frac?.length ?? 0,
      })),
      // Anything else a person or a script might type.
      anyString.map((text) => ({ text, whole: -1, frac: -1 })),
    );
    fc.assert(
      fc.property(typed, fc.constantFrom(...fields), ({ text, whole, frac }, field) => {
        const result = field.schema.safeParse(text);
        if (result.success) return;
        const message = english(result.error.issues[0].message);
        const plain = text.replace(/[\s,]/g, "");
        if (!/^-?\d+(\.\d+)?$/.test(plain)) expect(message).toBe(field.notNumber);
        else if (whole > field.before || (whole < 0 && plain.replace(/^-/, "").split(".")[0].length > field.before)) {
          expect(message).toBe(`${field.noun} can have at most ${field.before} digits before the decimal point.`);
        } else {
          expect(frac < 0 || frac > field.after).toBe(true);
          expect(message).toBe(`${field.noun} can have at most ${field.after} digits after the decimal point.`);
        }
      }),
      RUNS,
    );
    // The case from the issue: thirty digits are too large, not a matter of decimals.
    const thirty = optionalAmount("funding.v.amount").safeParse("1".repeat(30));
    expect(thirty.success ? "" : english(thirty.error.issues[0].message)).toBe("The amount can have at most 18 digits before the decimal point.");
  });

  it("a required date accepts exactly the real calendar days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        const result = requiredDate("the date").safeParse(s);
        expect(result.success).toBe(real);
        if (result.success) expect(result.data.toISOString().slice(0, 10)).toBe(s);
      }),
      RUNS,
    );
  });
});

const day = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const title = fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }).filter((s) => cleanText(s).trim().length > 0);
const cuid = fc.stringMatching(/^c[a-z0-9]{24}$/);

describe("agreements", () => {
  const valid = fc.record({
    programmeId: cuid,
    type: fc.constantFrom("MOU", "CONTRACT", "LETTER_OF_INTENT"),
    title,
    description: fc.string({ maxLength: 200 }),
    status: fc.constantFrom("DRAFT", "SIGNED", "ACTIVE"),
    signedOn: day,
    signedPrecision: fc.constantFrom("DAY", "MONTH", "YEAR"),
    expiresOn: day,
    value: fc.option(fc.integer({ min: 0, max: 1_000_000_000 }).map(String), { nil: "" }),
    currency: fc.constantFrom("USD", "KRW", "EUR"),
  });

  it("parses exactly when the expiry is after the signature, and parsing its own output gives the same value", () => {
    fc.assert(
      fc.property(valid, (form) => {
        const result = AgreementFormSchema.safeParse(form);
        expect(result.success).toBe(form.expiresOn > form.signedOn);
        if (!result.success) {
          expect(result.error.issues.map((i) => i.path.join("."))).toEqual(["expiresOn"]);
          return;
        }
        const a = result.data;
        const again = AgreementFormSchema.parse({
          ...form,
          title: a.title,
          description: a.description ?? "",
          signedOn: a.signedOn!.toISOString().slice(0, 10),
          expiresOn: a.expiresOn!.toISOString().slice(0, 10),
          value: a.value ?? "",
        });
        expect(again).toEqual(a);
      }),
      RUNS,
    );
  });
});

describe("deliverables", () => {
  // Event dates entered as they happened: never after today anywhere on earth, acceptance not before submission.
  const valid = fc.record({
    programmeId: cuid,
    title,
    status: fc.constantFrom("NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "ACCEPTED"),
    submittedOn: fc.option(day, { nil: "" }),
    acceptedOn: fc.option(day, { nil: "" }),
  });

  it("parses exactly when no event date is in the future and acceptance is not before submission", () => {
    const limit = latestToday().toISOString().slice(0, 10);
    fc.assert(
      fc.property(valid, (form) => {
        const result = DeliverableFormSchema.safeParse(form);
        const expected: string[] = [];
        if (form.submittedOn && form.submittedOn > limit) expected.push("submittedOn");
        if (form.acceptedOn && form.acceptedOn > limit) expected.push("acceptedOn");
        if (form.status === "ACCEPTED" && form.submittedOn && form.acceptedOn && form.acceptedOn < form.submittedOn) expected.push("acceptedOn");
        expect(result.success).toBe(expected.length === 0);
        if (!result.success) expect(result.error.issues.map((i) => i.path.join("."))).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe("funding", () => {
  it("a budget's period must not end before it starts; the amount must be more than zero", () => {
    fc.assert(
      fc.property(day, day, day, fc.integer({ min: -5, max: 10_000 }), (start, end, valueDate, amount) => {
        const result = FundingFormSchema.safeParse({
          programmeId: "cprogramme000000000000000",
          kind: "BUDGET",
          periodStart: start,
          periodEnd: end,
          valueDate,
          amount: String(amount),
          currency: "USD",
        });
        expect(result.success).toBe(end >= start && amount > 0);
      }),
      RUNS,
    );
  });
});

describe("programmes", () => {
  it("sector percentages are accepted exactly when they add up to 100", () => {
    const codes = ["12110", "12220", "12230", "12240", "12250"];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 5 }), (hundredths) => {
        const sectors = hundredths.map((h, i) => ({ sectorCode: codes[i], percentage: (h / 100).toFixed(2) }));
        const result = ProgrammeFormSchema.safeParse({
          code: "BY-DRG",
          title: "Strategic purchasing",
          status: "IMPLEMENTATION",
          organisations: [],
          countries: [],
          sectors,
        });
        expect(result.success).toBe(hundredths.reduce((a, b) => a + b, 0) === 10_000);
      }),
      RUNS,
    );
  });

  it("codes are upper-cased, and a valid code parses to itself", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9]{1,10}(-[a-zA-Z0-9]{1,10}){0,2}$/), (code) => {
        const result = ProgrammeFormSchema.safeParse({ code, title: "T", status: "PIPELINE", organisations: [], countries: [], sectors: [] });
        const expected = code.toUpperCase();
        expect(result.success).toBe(expected.length >= 2 && expected !== "NEW");
        if (result.success) expect(result.data.code).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe("activities", () => {
  it("participants by sex never exceed the total", () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(1500), (female, male, other, total) => {
        const result = ActivityFormSchema.safeParse({
          programmeId: "cprogramme000000000000000",
          kind: "WORKSHOP",
          status: "COMPLETED",
          title: "Workshop",
          datePrecision: "DAY",
          participantsTotal: String(total),
          participantsFemale: String(female),
          participantsMale: String(male),
          participantsOther: String(other),
        });
        expect(result.success).toBe(female + male + other <= total);
      }),
      RUNS,
    );
  });
});

describe("short texts", () => {
  it("comments and organisation names keep their length limits for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), fc.integer({ min: 0, max: 2100 }), (s, pad) => {
        const body = s + "x".repeat(pad);
        expect(CommentFormSchema.safeParse({ body }).success).toBe(cleanText(body).trim().length >= 1 && cleanText(body).trim().length <= COMMENT_MAX);
        const org = OrganisationFormSchema.safeParse({ shortName: body, fullName: "Ministry of Health", iatiTypeCode: "10" });
        const len = cleanText(body).trim().length;
        if (len > 80 || len === 0) expect(org.success).toBe(false);
      }),
      RUNS,
    );
  });
});

describe("indicators", () => {
  it("any text in a period's figures gets a message, never an exception (the cross-field rules skip unparsed figures)", () => {
    const figure = fc.oneof(anyString, fc.integer({ min: -100, max: 1000 }).map(String));
    fc.assert(
      fc.property(
        fc.record({ targetValue: figure, targetFemale: figure, targetMale: figure, actualValue: figure, actualFemale: figure, actualMale: figure }),
        fc.constantFrom("UNIT", "PERCENTAGE", "QUALITATIVE"),
        fc.constantFrom("2024-12-31", "2024-13-45", "", "x"),
        (figures, measure, periodEnd) => {
          const result = IndicatorFormSchema.safeParse({
            programmeId: "cprogramme000000000000000",
            title: "Hospitals paid by DRG",
            resultType: "OUTPUT",
            measure,
            periods: [{ periodStart: "2024-01-01", periodEnd, ...figures }],
          });
          expect(typeof result.success).toBe("boolean");
        },
      ),
      RUNS,
    );
  });
});
