import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formDataToObject, rowsKey, withAddedRow } from "~/utils/form";

// "Add a row" without JavaScript (app/utils/form.ts): a post whose intent is
// "add-row:<group>" comes back with every typed value and one more row for
// that group, never more than 100; any other post is left to the schema.

// Names a group can have: not inherited by objects, and not one the parser drops ("prototype").
const group = fc
  .oneof(fc.stringMatching(/^[A-Za-z]{1,12}$/), fc.constantFrom("periods", "toString", "valueOf", "constructor", "prototype"))
  .filter((g) => !(g in Object.prototype) && g !== "prototype");

describe("withAddedRow", () => {
  it("adds exactly one row (at most 100) to the group asked for and keeps every other value", () => {
    fc.assert(
      fc.property(group, fc.oneof(fc.integer({ min: -5, max: 150 }).map(String), fc.string({ maxLength: 8 })), fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 20 })), (g, shown, typed) => {
        const data = new URLSearchParams(Object.entries(typed));
        data.set("intent", `add-row:${g}`);
        data.set(`_rows.${g}`, shown);
        const values = formDataToObject(data);
        const result = withAddedRow(values)!;
        expect(result).not.toBeNull();
        const before = Number.isInteger(Number(shown)) ? Number(shown) : 0;
        expect((result._rows as Record<string, string>)[g]).toBe(String(Math.min(100, before + 1)));
        expect(result.intent).toBeUndefined();
        for (const [k, v] of Object.entries(values)) if (k !== "intent" && k !== "_rows") expect(result[k]).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves every other intent, and hostile group names, to the schema", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (intent) => {
        const values = formDataToObject(new URLSearchParams({ intent, title: "x" }));
        const result = withAddedRow(values);
        const parts = intent.slice(8).split(".");
        const named = /^add-row:[A-Za-z]{1,40}(\.\d{1,3}\.[A-Za-z]{1,40})?$/.test(intent);
        if (!named || parts.some((p) => p in Object.prototype || p === "prototype")) expect(result).toBeNull();
      }),
      { numRuns: 300 },
    );
    for (const hostile of [
      "add-row:__proto__",
      "add-row:constructor",
      "add-row:prototype",
      "add-row:toString",
      "add-row:hasOwnProperty",
      "add-row:a.b",
      "add-row:",
      "add-row:outcomes.1.__proto__",
      "add-row:outcomes.1.constructor",
      "add-row:__proto__.1.followUps",
      "add-row:outcomes.1000.followUps",
      "add-row:outcomes.1.followUps.2.x",
    ]) {
      expect(withAddedRow({ intent: hostile })).toBeNull();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("adds a row to a group inside a row of another (an outcome's follow-up actions), counted apart from its parent", () => {
    const values = formDataToObject(
      new URLSearchParams([
        ["intent", "add-row:outcomes.1.followUps"],
        ["_rows.outcomes", "3"],
        ["_rows.outcomes-1-followUps", "2"],
        ["outcomes.1.text", "Agreed"],
      ]),
    );
    const result = withAddedRow(values)!;
    expect(result._rows).toEqual({ outcomes: "3", "outcomes-1-followUps": "3" });
    expect(result.outcomes).toEqual(values.outcomes);
    expect(rowsKey("outcomes.1.followUps")).toBe("outcomes-1-followUps");
    expect(rowsKey("periods")).toBe("periods");
  });
});
