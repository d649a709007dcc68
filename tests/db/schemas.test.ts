import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/auth/auth.server";
import { SignInFormSchema } from "~/schemas/sign-in";
import { english } from "../support/english";

describe("SignInFormSchema", () => {
  it("trims the e-mail and explains each problem", () => {
    expect(SignInFormSchema.parse({ email: "  a@b.org ", password: "x" }).email).toBe("a@b.org");
    const bad = SignInFormSchema.safeParse({ email: "not-an-email", password: "" });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => `${i.path[0]}: ${english(i.message)}`);
    expect(messages).toContain("email: Enter an e-mail address like name@agency.org.");
    expect(messages).toContain("password: Enter your password.");
  });
});

describe("safeRedirectPath", () => {
  it("keeps local paths and refuses other sites", () => {
    expect(safeRedirectPath("/programmes/BY-DRG?x=1")).toBe("/programmes/BY-DRG?x=1");
    expect(safeRedirectPath("//evil.example/")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example/")).toBe("/");
    // Browsers drop tabs and newlines, and dot segments collapse: both would make "//evil.example".
    expect(safeRedirectPath("/\t/evil.example")).toBe("/");
    expect(safeRedirectPath("/\n/evil.example")).toBe("/");
    expect(safeRedirectPath("/.//evil.example")).toBe("/");
    expect(safeRedirectPath("/a/..//evil.example")).toBe("/");
    expect(safeRedirectPath("/programmes/../workspace")).toBe("/workspace");
    expect(safeRedirectPath(undefined, "/workspace")).toBe("/workspace");
  });
});
