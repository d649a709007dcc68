import { describe, expect, it } from "vitest";
import { iatiErrorLines, iatiProblems, iatiWarningLines } from "~/iati/check.server";

// iatiProblems: the XSD, the ruleset and the codelists over a whole file, cut
// into records as the IATI Validator cuts it (one activity at a time).

const ORG = "KR-BRN-1234567890";
const act = (n: number, extra = "", status = "2") =>
  `<iati-activity xml:lang="en" default-currency="USD" last-updated-datetime="2024-01-01T00:00:00Z">
    <iati-identifier>${ORG}-P${n}</iati-identifier>
    <reporting-org ref="${ORG}" type="80"><narrative>Centre</narrative></reporting-org>
    <title><narrative>Programme ${n}</narrative></title>
    <description><narrative>About ${n}</narrative></description>
    <participating-org role="4" type="80"><narrative>Ministry</narrative></participating-org>
    <activity-status code="${status}"/>
    <activity-date type="1" iso-date="2024-01-01"/>
    <recipient-country code="KZ"/>
    <sector vocabulary="1" code="12110"/>${extra}
  </iati-activity>`;
const file = (...activities: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2024-01-02T00:00:00Z">\n${activities.join("\n")}\n</iati-activities>\n`;

describe("iatiProblems", () => {
  it("finds nothing wrong in a valid file", async () => {
    const problems = await iatiProblems(file(act(1), act(2)), "activities");
    expect(problems.records).toBe(2);
    expect(iatiErrorLines(problems)).toEqual([]);
    expect(iatiWarningLines(problems)).toEqual([]);
  });

  it("reports XSD, ruleset and codelist errors against the activity they belong to", async () => {
    // An element the schema does not know, in the second activity only.
    const problems = await iatiProblems(file(act(1), act(2, "<budget-nonsense/>"), act(3, "", "99")), "activities");
    expect(problems.xsd).toHaveLength(1);
    expect(problems.xsd[0]).toMatch(new RegExp(`^${ORG}-P2: .*budget-nonsense`));
    expect(problems.codelists.map((f) => [f.identifier, f.id, f.severity])).toEqual([[`${ORG}-P3`, "codelist:ActivityStatus", "error"]]);
  });

  it("gives the same answer when the file comes in chunks cut anywhere", async () => {
    const future = '<transaction><transaction-type code="3"/><transaction-date iso-date="2099-01-01"/><value value-date="2099-01-01">5</value></transaction>';
    const xml = file(act(1, future), act(2), act(3, "", "99"));
    const whole = await iatiProblems(xml, "activities");
    const chunks = (size: number) => (async function* () { for (let i = 0; i < xml.length; i += size) yield xml.slice(i, i + size); })();
    for (const size of [1, 7, 100]) {
      const streamed = await iatiProblems(chunks(size), "activities");
      expect(streamed).toEqual(whole);
    }
    expect(whole.records).toBe(3);
    expect(iatiErrorLines(whole).map((line) => line.split(" ")[0])).toEqual(["11.2.1", "11.2.2", "codelist:ActivityStatus"]);
  });

  it("flags an identifier used twice in the file (1.1.2)", async () => {
    const problems = await iatiProblems(file(act(1), act(1)), "activities");
    expect(problems.rules.map((f) => f.id)).toEqual(["1.1.2"]);
  });

  it("says so when the file is not well-formed or not of the kind asked for", async () => {
    const broken = await iatiProblems(file(act(1).replace("</title>", "")), "activities");
    expect(broken.xsd.join("\n")).toMatch(/not well-formed/);
    const wrongKind = await iatiProblems(file(act(1)), "organisations");
    expect(wrongKind.xsd).toEqual(["file: The file has no <iati-organisations> element."]);
  });

  it("checks an organisation file against the organisation schema and rules", async () => {
    const org = (lastUpdated: string) =>
      `<iati-organisations version="2.03"><iati-organisation xml:lang="en" default-currency="USD" last-updated-datetime="${lastUpdated}"><organisation-identifier>${ORG}</organisation-identifier><name><narrative>Centre</narrative></name><reporting-org ref="${ORG}" type="80"><narrative>Centre</narrative></reporting-org><total-budget status="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value value-date="2024-01-01">100</value></total-budget></iati-organisation></iati-organisations>`;
    expect(iatiErrorLines(await iatiProblems(org("2024-01-01T00:00:00Z"), "organisations"))).toEqual([]);
    const future = await iatiProblems(org("2099-01-01T00:00:00Z"), "organisations");
    expect(future.rules.map((f) => f.id)).toEqual(["11.4.1"]);
  });
});
