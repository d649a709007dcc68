import { describe, expect, it } from "vitest";
import { checkCodelists } from "~/iati/codelists.server";
import { checkRuleset } from "~/iati/rules/ruleset.server";
import { parseXml } from "~/iati/rules/xpath.server";

// The IATI Validator ruleset (rulesets/standard.json) and the codelist check
// on small hand-written files: for every rule type one case of the real
// ruleset that passes and one that fails, as the IATI Validator judges them
// (IATI/js-validator-api services/rulesValidator.js).

const ORG = "KR-BRN-1234567890";

/** One activity that passes every rule; `parts` replace or add elements. */
function activity(parts: Record<string, string> = {}, attrs = 'xml:lang="en" default-currency="USD" last-updated-datetime="2024-01-01T00:00:00Z"') {
  const p = {
    identifier: `<iati-identifier>${ORG}-P1</iati-identifier>`,
    reporting: `<reporting-org ref="${ORG}" type="80"><narrative>Centre</narrative></reporting-org>`,
    title: "<title><narrative>Programme</narrative></title>",
    description: '<description type="1"><narrative>About</narrative></description>',
    participating: '<participating-org role="4" type="80"><narrative>Ministry</narrative></participating-org>',
    dates: '<activity-date type="1" iso-date="2024-01-01"/><activity-date type="3" iso-date="2024-12-31"/>',
    countries: '<recipient-country code="KZ"/>',
    sectors: '<sector vocabulary="1" code="12110"/>',
    budgets: "",
    transactions: "",
    results: "",
    ...parts,
  };
  return `<iati-activities version="2.03"><iati-activity ${attrs}>${p.identifier}${p.reporting}${p.title}${p.description}${p.participating}<activity-status code="2"/>${p.dates}${p.countries}${p.sectors}${p.budgets}${p.transactions}${p.results}</iati-activity></iati-activities>`;
}

const organisation = (body: string) =>
  `<iati-organisations version="2.03"><iati-organisation xml:lang="en" default-currency="USD" last-updated-datetime="2024-01-01T00:00:00Z"><organisation-identifier>${ORG}</organisation-identifier><name><narrative>Centre</narrative></name><reporting-org ref="${ORG}" type="80"><narrative>Centre</narrative></reporting-org>${body}</iati-organisation></iati-organisations>`;

const failed = (xml: string) => checkRuleset(parseXml(xml), "test").map((f) => f.id);
const transaction = (date: string, extra = "") =>
  `<transaction><transaction-type code="3"/><transaction-date iso-date="${date}"/><value value-date="${date}">10</value>${extra}</transaction>`;
const budget = (start: string, end: string) =>
  `<budget type="1" status="1"><period-start iso-date="${start}"/><period-end iso-date="${end}"/><value value-date="${start}">1</value></budget>`;

describe("the IATI ruleset, one rule type at a time", () => {
  it("the base activity breaks no rule", () => {
    expect(failed(activity())).toEqual([]);
  });

  it("atleast_one: an activity needs a planned or actual start date (6.11.1)", () => {
    expect(failed(activity({ dates: '<activity-date type="2" iso-date="2024-01-01"/>' }))).not.toContain("6.11.1");
    expect(failed(activity({ dates: '<activity-date type="3" iso-date="2024-12-31"/>' }))).toContain("6.11.1");
  });

  it("no_more_than_one: one default aid type per vocabulary (107.1.2, warning)", () => {
    const one = '<default-aid-type code="D02"/>';
    expect(failed(activity({ sectors: `<sector vocabulary="1" code="12110"/>${one}` }))).not.toContain("107.1.2");
    const findings = checkRuleset(parseXml(activity({ sectors: `<sector vocabulary="1" code="12110"/>${one}<default-aid-type code="C01"/>` })), "t");
    expect(findings.find((f) => f.id === "107.1.2")).toMatchObject({ severity: "warning" });
  });

  it("one_or_all: a default language or a language on every narrative (4.1.1)", () => {
    const noLang = 'default-currency="USD" last-updated-datetime="2024-01-01T00:00:00Z"';
    expect(failed(activity({}, noLang))).toContain("4.1.1");
    const everyNarrative = activity({}, noLang).replace(/<narrative>/g, '<narrative xml:lang="en">');
    expect(failed(everyNarrative)).not.toContain("4.1.1");
  });

  it("unique: the activity identifier differs from the reporting organisation's (1.1.3)", () => {
    expect(failed(activity({ identifier: `<iati-identifier>${ORG}</iati-identifier>` }))).toContain("1.1.3");
  });

  it("startswith: the identifier begins with the reporting org's identifier (1.1.21) and that one with a known agency (1.14.8)", () => {
    expect(failed(activity({ identifier: "<iati-identifier>XM-DAC-928-P1</iati-identifier>" }))).toContain("1.1.21");
    const placeholder = activity({
      identifier: "<iati-identifier>XX-CONCORD-P1</iati-identifier>",
      reporting: '<reporting-org ref="XX-CONCORD" type="80"><narrative>Centre</narrative></reporting-org>',
    });
    expect(failed(placeholder)).toEqual(["1.14.8"]);
  });

  it("strict_sum: several recipient countries add up to 100 (3.1.2)", () => {
    const countries = (a: string, b: string) => `<recipient-country code="KZ" percentage="${a}"/><recipient-country code="UZ" percentage="${b}"/>`;
    expect(failed(activity({ countries: countries("33.33", "66.67") }))).not.toContain("3.1.2");
    expect(failed(activity({ countries: countries("11.11", "11.12") }))).toContain("3.1.2");
  });

  it("range: a percentage lies between 0 and 100 (12.1.1)", () => {
    expect(failed(activity({ countries: '<recipient-country code="KZ" percentage="100"/>' }))).not.toContain("12.1.1");
    expect(failed(activity({ countries: '<recipient-country code="KZ" percentage="120"/>' }))).toContain("12.1.1");
  });

  it("date_order: planned start before planned end (11.1.2) and nothing actual in the future (11.1.4, 11.2.1)", () => {
    expect(failed(activity({ dates: '<activity-date type="1" iso-date="2025-01-01"/><activity-date type="3" iso-date="2024-01-01"/>' }))).toContain(
      "11.1.2",
    );
    expect(failed(activity({ dates: '<activity-date type="2" iso-date="2099-01-01"/>' }))).toContain("11.1.4");
    expect(failed(activity({ transactions: transaction("2024-03-01") }))).not.toContain("11.2.1");
    expect(failed(activity({ transactions: transaction("2099-03-01") }))).toContain("11.2.1");
  });

  it("date_order reads the first date only, as the validator does", () => {
    expect(failed(activity({ transactions: transaction("2024-03-01") + transaction("2099-03-01") }))).not.toContain("11.2.1");
  });

  it("date_now: last-updated-datetime is not in the future (11.1.1)", () => {
    expect(failed(activity({}, 'xml:lang="en" default-currency="USD" last-updated-datetime="2099-01-01T00:00:00Z"'))).toContain("11.1.1");
  });

  it("time_limit: a budget period is at most a year (7.5.3)", () => {
    expect(failed(activity({ budgets: budget("2024-01-01", "2024-12-31") }))).not.toContain("7.5.3");
    expect(failed(activity({ budgets: budget("2024-01-01", "2025-06-30") }))).toContain("7.5.3");
  });

  it("between_dates: a budget line's value date lies within its period (11.3.1)", () => {
    const line = (valueDate: string) =>
      `<recipient-country-budget status="1"><recipient-country code="KZ"/><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value value-date="2024-01-01">5</value><budget-line><value value-date="${valueDate}">5</value><narrative>Line</narrative></budget-line></recipient-country-budget>`;
    expect(failed(organisation(line("2024-06-01")))).not.toContain("11.3.1");
    expect(failed(organisation(line("2026-06-01")))).toContain("11.3.1");
  });

  it("regex_matches: no / & | ? in an identifier (1.3.13, warning)", () => {
    expect(failed(activity({ identifier: `<iati-identifier>${ORG}-P/1</iati-identifier>` }))).toContain("1.3.13");
  });

  it("no_spaces: no leading or trailing space in the identifier (1.3.1)", () => {
    expect(failed(activity({ identifier: `<iati-identifier> ${ORG}-P1</iati-identifier>` }))).toContain("1.3.1");
  });

  it("if_then: sectors at activity level or in transactions, not both (6.6.2)", () => {
    expect(failed(activity({ transactions: transaction("2024-03-01") }))).not.toContain("6.6.2");
    expect(failed(activity({ transactions: transaction("2024-03-01", '<sector vocabulary="1" code="12110"/>') }))).toContain("6.6.2");
  });

  it("if_then with a node-set `then` always holds, as in the validator (3.7.1)", () => {
    expect(failed(activity({ countries: "" }))).not.toContain("3.7.1");
  });

  it("loop: percentages within each non-DAC sector vocabulary (2.1.1)", () => {
    const sectors = (extra: string) => `<sector vocabulary="1" code="12110"/><sector vocabulary="2" code="121"${extra}/><sector vocabulary="2" code="122"${extra}/>`;
    expect(failed(activity({ sectors: sectors("") }))).toContain("2.1.1");
    expect(failed(activity({ sectors: sectors(' percentage="50"') }))).not.toContain("2.1.1");
  });

  it("a context with a predicate: a quantitative indicator's baseline needs a value (8.8.1)", () => {
    const result = (baseline: string) =>
      `<result type="1"><title><narrative>R</narrative></title><indicator measure="1"><title><narrative>I</narrative></title>${baseline}</indicator></result>`;
    expect(failed(activity({ results: result('<baseline year="2023" value="0"/>') }))).not.toContain("8.8.1");
    expect(failed(activity({ results: result('<baseline year="2023"/>') }))).toContain("8.8.1");
  });

  it("names where the rule failed", () => {
    const [finding] = checkRuleset(parseXml(activity({ countries: '<recipient-country code="KZ" percentage="120"/>' })), `${ORG}-P1`);
    expect(finding).toMatchObject({ id: "12.1.1", severity: "error", category: "geo", identifier: `${ORG}-P1` });
    expect(finding.path).toBe("/iati-activity/recipient-country/@percentage");
  });
});

describe("the codelist check", () => {
  const codes = (xml: string) => checkCodelists(parseXml(xml), "t").map((f) => `${f.severity} ${f.message}`);

  it("passes active codes and refuses unknown ones as errors", () => {
    expect(codes(activity())).toEqual([]);
    const doc = activity({
      description: '<description type="1"><narrative>About</narrative></description><document-link format="text/plain; charset=utf-8" url="https://x.org/d"><title><narrative>D</narrative></title><category code="A01"/></document-link>',
    });
    expect(codes(doc)).toEqual(['error "text/plain; charset=utf-8" is not a code of the FileFormat codelist.']);
  });

  it("warns on a withdrawn code", () => {
    // DAC sector 11321 (Lower secondary education) is withdrawn in the 2.03 Sector codelist.
    expect(codes(activity({ sectors: '<sector vocabulary="1" code="11321"/>' }))).toEqual(['warning "11321" is a withdrawn code of the Sector codelist.']);
  });

  it("applies a mapping only where its condition holds (sector codes per vocabulary)", () => {
    expect(codes(activity({ sectors: '<sector vocabulary="2" code="121"/>' }))).toEqual([]);
    expect(codes(activity({ sectors: '<sector vocabulary="2" code="12110"/>' }))).toEqual(['error "12110" is not a code of the SectorCategory codelist.']);
    expect(codes(activity({ sectors: '<sector vocabulary="99" code="anything"/>' }))).toEqual([]);
  });

  it("accepts another case only where the mapping allows it", () => {
    const xml = activity({ countries: '<recipient-country code="kz"/>' });
    const mapping = { path: "//iati-activity/recipient-country/@code", codelist: "Country" };
    expect(checkCodelists(parseXml(xml), "t", "all", [mapping])).toHaveLength(1);
    expect(checkCodelists(parseXml(xml), "t", "all", [{ ...mapping, allowCaseVariation: true }])).toEqual([]);
  });
});
