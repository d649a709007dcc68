import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { english } from "../support/english";
import { PASSWORD_MESSAGES, passwordProblem } from "~/auth/password-policy.server";
import { ChangePasswordFormSchema, NewPasswordFormSchema, PASSWORD_MAX, PASSWORD_MIN, passwordLength } from "~/schemas/account";

describe("password policy", () => {
  it("refuses passwords shorter than 8 or longer than 128 characters, counting characters not bytes", () => {
    expect(english(passwordProblem("short"))).toBe(`Use at least ${PASSWORD_MIN} characters.`);
    expect(english(passwordProblem("x".repeat(PASSWORD_MAX + 1)))).toBe(`Use at most ${PASSWORD_MAX} characters.`);
    // 8 emoji are 16 UTF-16 units but 8 characters: accepted; 7 are not.
    expect(passwordLength("🦊".repeat(8))).toBeNull();
    expect(passwordLength("🦊".repeat(7))).not.toBeNull();
    expect(passwordProblem("tidal lantern orchard")).toBeNull();
  });

  it("refuses common passwords whatever their case", () => {
    for (const p of ["password", "PASSWORD", "Password1", "12345678", "iloveyou", "qwertyuiop"]) {
      expect(passwordProblem(p), p).toBe(PASSWORD_MESSAGES.common);
    }
  });

  it("refuses a password that contains the e-mail address or its name part", () => {
    expect(passwordProblem("irina.k-2026!", "Irina.K@health.gov.by")).toBe(PASSWORD_MESSAGES.email);
    expect(passwordProblem("x irina.k@health.gov.by", "irina.k@health.gov.by")).toBe(PASSWORD_MESSAGES.email);
    expect(passwordProblem("steady copper meadow", "irina.k@health.gov.by")).toBeNull();
    // A very short name part (two letters) is not a reason to refuse.
    expect(passwordProblem("steady copper meadow", "mo@health.gov.by")).toBeNull();
  });

  it("the form schemas ask for the same password twice", () => {
    expect(NewPasswordFormSchema.safeParse({ password: "steady copper meadow", confirm: "steady copper meadow" }).success).toBe(true);
    const r = NewPasswordFormSchema.safeParse({ password: "steady copper meadow", confirm: "steady copper meado" });
    expect(r.success).toBe(false);
    expect({ ...r.error?.issues[0], message: english(r.error?.issues[0].message) }).toMatchObject({ path: ["confirm"], message: "The two passwords are not the same." });
    const same = ChangePasswordFormSchema.safeParse({ current: "steady copper meadow", password: "steady copper meadow", confirm: "steady copper meadow" });
    expect(same.error?.issues[0].path).toEqual(["password"]);
  });

  it("property: any string of 8–128 characters passes the length rule, any other length fails it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", minLength: 0, maxLength: 200 }), (s) => {
        const n = [...s].length;
        const ok = n >= PASSWORD_MIN && n <= PASSWORD_MAX;
        expect(passwordLength(s) === null).toBe(ok);
        expect(NewPasswordFormSchema.safeParse({ password: s, confirm: s }).success).toBe(ok);
      }),
      { numRuns: 300 },
    );
  });
});
