import { describe, expect, it } from "vitest";
import agencies from "~/data/iati/codelists/OrganisationRegistrationAgency";
import index from "~/data/iati/registration-agencies";
import { agenciesForCountry, isIllustrativeOrgId, orgIdAgency, orgIdHint, orgIdProblem } from "~/utils/iati-org-id";

// IATI organisation identifiers: the prefix is the longest
// OrganisationRegistrationAgency code the identifier starts with, then "-".

describe("orgIdProblem", () => {
  it("accepts every prefix shape the codelist has", () => {
    for (const ok of ["XM-DAC-928", "XM-DAC-44000", "XM-DAC-701", "XI-IATI-WBTF", "KR-BRN-123", "GB-COH-123", "CA_BC-BRC_CBR-FM0123", "XM-DAC-742-1"]) {
      expect(orgIdProblem(ok), ok).toBeNull();
    }
  });

  it("finds the longest agency code, not the first two hyphen-separated parts", () => {
    expect(orgIdAgency("XI-IATI-WBTF")?.code).toBe("XI-IATI");
    expect(orgIdAgency("CA_BC-BRC_CBR-FM0123")?.code).toBe("CA_BC-BRC_CBR");
    expect(orgIdAgency("XM-DAC-41114-BY")?.code).toBe("XM-DAC");
  });

  it("refuses prefixes that are no agency", () => {
    // XX is no agency code at all; KR-GOV is the guess for a Korean government body.
    expect(agencies.items.some((a) => a.code.startsWith("XX-"))).toBe(false);
    expect(orgIdProblem("XX-CONCORD")).toEqual({ kind: "unknownPrefix", prefix: "XX-CONCORD" });
    expect(orgIdProblem("KR-GOV-010")).toEqual({ kind: "unknownPrefix", prefix: "KR-GOV" });
    expect(orgIdProblem("41114")).toEqual({ kind: "unknownPrefix", prefix: "41114" });
    // Codes are matched as written: the codelist's are upper case.
    expect(orgIdProblem("xm-dac-928")?.kind).toBe("unknownPrefix");
  });

  it("refuses spaces and the characters the IATI ruleset refuses", () => {
    for (const bad of ["XM-DAC 928", "XM-DAC-9/28", "XM-DAC-9&28", "XM-DAC-9|28", "XM-DAC-928?", "XM-DAC-928\t"]) {
      expect(orgIdProblem(`${bad}x`)?.kind, bad).toBe("forbiddenChars");
    }
  });

  it("wants the organisation's number after the prefix", () => {
    expect(orgIdProblem("XM-DAC-")).toEqual({ kind: "noNumber", prefix: "XM-DAC" });
    expect(orgIdProblem("XM-DAC--")).toEqual({ kind: "noNumber", prefix: "XM-DAC" });
    expect(orgIdProblem("  ")).toEqual({ kind: "empty" });
  });

  it("refuses withdrawn agencies and the example agency", () => {
    expect(orgIdProblem("XI-BRIDGE-123")).toMatchObject({ kind: "withdrawnPrefix", prefix: "XI-BRIDGE" });
    expect(orgIdProblem("XE-EXAMPLE-123")).toEqual({ kind: "examplePrefix" });
  });
});

describe("the compact agency index (scripts/iati-agency-index.py)", () => {
  it("has exactly the codes of the full codelist copy, withdrawn where it is", () => {
    expect(Object.keys(index.countries).sort()).toEqual(agencies.items.map((a) => a.code).sort());
    expect([...index.withdrawn].sort()).toEqual(agencies.items.filter((a) => "withdrawn" in a && a.withdrawn).map((a) => a.code).sort());
  });
});

describe("orgIdHint", () => {
  it("lists a country's agencies and calls out <country>-GOV where there is none", () => {
    expect(agenciesForCountry("KR").map((a) => a.code)).toEqual(["KR-BRN", "KR-COA"]);
    expect(orgIdHint("KR", "10")).toEqual({ notAPrefix: "KR-GOV", dac: "government", agencies: ["KR-BRN", "KR-COA"] });
    // The United Kingdom has GB-GOV: not called out.
    expect(orgIdHint("GB", "10").notAPrefix).toBeNull();
    expect(orgIdHint(null, "40")).toEqual({ dac: "multilateral", agencies: [], notAPrefix: null });
    expect(orgIdHint("KR", "80")).toMatchObject({ dac: null, notAPrefix: null });
    // Provinces' agencies count for their country.
    expect(agenciesForCountry("CA").map((a) => a.code)).toContain("CA_BC-BRC_CBR");
  });

  it("tells an illustrative identifier from a real one", () => {
    expect(isIllustrativeOrgId("KR-BRN-EXAMPLE-HIRA")).toBe(true);
    expect(isIllustrativeOrgId("KR-BRN-1234567890")).toBe(false);
  });
});
