import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AcceptInvitationFormSchema, ForgotPasswordFormSchema, NewPasswordFormSchema } from "~/schemas/account";
import { MfaStepFormSchema } from "~/schemas/mfa";
import { SignInFormSchema } from "~/schemas/sign-in";
import { checkFormLimits, FormLimitError, formDataToObject, getPath } from "~/utils/form";
import { parseForm } from "~/utils/form.server";
import { FORM_LIMITS } from "~/utils/limits";

// Form field names are paths ("parties.0.role") that the parser walks into
// nested values. Whatever names a client sends, the parser answers at once:
// a result, or FormLimitError (400) when a name or the form goes past
// FORM_LIMITS. Found by an outside probe: "a.1000000000.b" built an array a
// billion long (a minute of CPU, anonymously) and a name of 3,000 segments
// overflowed the stack.

const RUNS = { numRuns: 400 };

const segment = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("0", "1", "999", "1000", "1000000000", "4294967295", "9007199254740993", "01", "-1", "1e9", "length", "toString", "hasOwnProperty", "valueOf", "__proto__", "constructor", "prototype", "", " ", "[]", "a[0]"),
  fc.nat({ max: 2_000_000_000 }).map(String),
);
// Names of any shape: random text, dotted paths (deep ones included), very long ones.
const fieldName = fc.oneof(
  { weight: 3, arbitrary: fc.array(segment, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(".")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4000 }).map((n) => Array.from({ length: n }, (_, i) => (i % 2 ? String(i) : "a")).join(".")) },
);
const fields = fc.array(fc.tuple(fieldName, fc.string({ maxLength: 20 })), { maxLength: 40 });

function formOf(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

function withinLimits(names: string[]): boolean {
  try {
    checkFormLimits(names);
    return true;
  } catch (error) {
    if (error instanceof FormLimitError) return false;
    throw error;
  }
}

/** Every list anywhere in the value, however deep. */
function lists(value: unknown, out: unknown[][] = []): unknown[][] {
  if (Array.isArray(value)) out.push(value);
  if (value && typeof value === "object") for (const v of Object.values(value)) lists(v, out);
  return out;
}

describe("form parsing is bounded for any field names", () => {
  it("answers with values or FormLimitError, never another error, and builds no list longer than the form", () => {
    fc.assert(
      fc.property(fields, (entries) => {
        let values: unknown;
        try {
          values = formDataToObject(formOf(entries));
        } catch (error) {
          expect(error).toBeInstanceOf(FormLimitError);
          expect(withinLimits(entries.map(([n]) => n))).toBe(false);
          return;
        }
        expect(withinLimits(entries.map(([n]) => n))).toBe(true);
        // No sparse walk: a list holds at most one entry per posted field.
        for (const list of lists(values)) expect(list.length).toBeLessThanOrEqual(entries.length);
        expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
        expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("keeps every value of distinct plain names within the limits where its name says", () => {
    const plain = fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/).filter((s) => !["constructor", "prototype"].includes(s));
    const names = fc.uniqueArray(fc.array(plain, { minLength: 1, maxLength: FORM_LIMITS.maxDepth }).map((p) => p.join(".")), { maxLength: 30 })
      // No name may be a prefix path of another ("a" and "a.b" cannot both hold a value).
      .filter((list) => list.every((a) => list.every((b) => a === b || !b.startsWith(`${a}.`))));
    fc.assert(
      fc.property(names, (list) => {
        const values = formDataToObject(formOf(list.map((name, i) => [name, `v${i}`])));
        list.forEach((name, i) => expect(getPath(values, name)).toBe(`v${i}`));
      }),
      RUNS,
    );
  });

  it("makes rows of index names in index order, dropping the gaps", () => {
    const values = formDataToObject(formOf([["rows.7.x", "c"], ["rows.0.x", "a"], ["rows.3.x", "b"], ["rows.length", "9"]]));
    expect(values.rows).toEqual([{ x: "a" }, { x: "b" }, { x: "c" }]);
  });

  it.each([
    ["an index past the limit", [["a.1000000000.b", "1"]], "maxIndex"],
    ["an index just past the limit", [[`a.${FORM_LIMITS.maxIndex + 1}`, "1"]], "maxIndex"],
    ["3,000 dotted segments", [[Array.from({ length: 3000 }, () => "a").join("."), "1"]], "maxNameLength"],
    ["one segment past the depth limit", [[Array.from({ length: FORM_LIMITS.maxDepth + 1 }, () => "a").join("."), "1"]], "maxDepth"],
    ["a name past the length limit", [["x".repeat(FORM_LIMITS.maxNameLength + 1), "1"]], "maxNameLength"],
    ["too many fields", Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => [`f${i}`, "1"]), "maxFields"],
  ] as [string, [string, string][], string][])("refuses %s", (_label, entries, limit) => {
    expect(() => formDataToObject(formOf(entries))).toThrow(FormLimitError);
    try {
      formDataToObject(formOf(entries));
    } catch (error) {
      expect((error as FormLimitError).limit).toBe(limit);
    }
  });

  // The forms anyone may post without signing in, with the schema their action parses.
  const ANONYMOUS_FORMS = [
    ["/sign-in", SignInFormSchema],
    ["/forgot-password", ForgotPasswordFormSchema],
    ["/reset-password/x", NewPasswordFormSchema],
    ["/invitations/x", AcceptInvitationFormSchema],
    ["/sign-in/mfa", MfaStepFormSchema],
  ] as const;

  it.each(ANONYMOUS_FORMS)("%s: parseForm gives a result or a 400 answer for any field names, never another error", async (path, schema) => {
    await fc.assert(
      fc.asyncProperty(fields, async (entries) => {
        const request = new Request(`http://localhost${path}`, {
          method: "POST",
          body: new URLSearchParams(entries),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        const outcome = await parseForm(request, schema).then(
          (r) => r,
          (e: unknown) => e,
        );
        if (outcome instanceof Response) {
          expect(outcome.status).toBe(400);
          expect(withinLimits(entries.map(([n]) => n))).toBe(false);
        } else {
          expect(outcome).toHaveProperty("ok");
          expect(withinLimits(entries.map(([n]) => n))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("parseForm answers such a form with 400, not 500", async () => {
    const request = new Request("http://localhost/sign-in", {
      method: "POST",
      body: new URLSearchParams([["email", "x@example.org"], ["password", ""], ["a.1000000000.b", "1"]]),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const thrown = await parseForm(request, SignInFormSchema).then(() => null, (e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
  });
});
