import { describe, expect, it } from "vitest";
import sectorCodes from "~/data/iati-sector-codes";
import sectors from "~/data/iati-sectors";
import { isSectorCode, SECTOR_OPTIONS } from "~/utils/codelists";

// The browser's sector codes (app/data/iati-sector-codes.ts, codes only, to
// keep 300 English names out of the programme form's bundle) are the
// codelist's own, in its order: regenerating one without the other fails here.
describe("the browser's sector codes", () => {
  it("are exactly the codes of the generated sector codelist, in its order", () => {
    expect(sectorCodes).toEqual(sectors.items.map((s) => s.code));
    expect(sectorCodes.length).toBeGreaterThan(250);
  });

  it("are what the form offers and what its schema accepts", () => {
    expect(SECTOR_OPTIONS.map((o) => o.value)).toEqual(sectorCodes);
    expect(isSectorCode("12220")).toBe(true);
    expect(isSectorCode("1222")).toBe(false);
    expect(isSectorCode("12220 ")).toBe(false);
    expect(isSectorCode("")).toBe(false);
  });
});
