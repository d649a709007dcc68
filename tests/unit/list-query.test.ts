import { describe, expect, it } from "vitest";
import { parseListQuery, type ListSpec } from "~/utils/list-query";

const SPEC = {
  sorts: ["title"],
  defaultSort: "title",
  filters: ["status", "country"],
  choices: { status: ["ACTIVE", "SIGNED"] },
} as const satisfies ListSpec<string>;

describe("parseListQuery", () => {
  it("ignores a filter value outside its choices instead of passing it to the database", () => {
    expect(parseListQuery(new URLSearchParams("status=ACTIVE"), SPEC).filters).toEqual({ status: "ACTIVE" });
    expect(parseListQuery(new URLSearchParams("status=%27%3B--"), SPEC).filters).toEqual({});
    expect(parseListQuery(new URLSearchParams("country=KZ"), SPEC).filters).toEqual({ country: "KZ" });
  });

  it("drops control characters (NUL above all) from the search and the filters", () => {
    const query = parseListQuery(new URLSearchParams("q=%00Bre%0Ast%1F&country=K%00Z"), SPEC);
    expect(query.q).toBe("Brest");
    expect(query.filters).toEqual({ country: "KZ" });
    expect(parseListQuery(new URLSearchParams("q=%00%00"), SPEC).q).toBe("");
  });
});
