import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import { programmeReportPdf } from "~/reports/pdf.server";
import { buildProgrammeReport, type ReportPeriod } from "~/reports/programme-report.server";
import { writeProgrammeWorkbook } from "~/reports/xlsx.server";
import { prisma } from "~/utils/db.server";
import { createReportProgramme } from "../factories/report";

// Issue 7, item 3: the programme report (PDF and workbook) shows record texts
// in the language it is written in, the reader's, where the record keeps
// them in that language, else the record's own text.

const period: ReportPeriod = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-12-31T00:00:00Z") };
const staff: Scope = { kind: "staff" };
const now = new Date("2025-09-01T12:00:00Z");
const en = serverTranslator("en");
const ru = serverTranslator("ru");

let fx: Awaited<ReturnType<typeof createReportProgramme>>;
const RU = {
  programme: "",
  description: "",
  workshop: "",
  agreement: "",
  outcome: "",
  fund: "",
};

beforeAll(async () => {
  fx = await createReportProgramme(prisma);
  Object.assign(RU, {
    programme: `Укрепление потенциала регулирования лекарственных средств ${fx.tag}`,
    description: `Описание программы ${fx.tag}`,
    workshop: `Семинар по ценообразованию на лекарственные средства ${fx.tag}`,
    agreement: `Меморандум о фармацевтическом регулировании ${fx.tag}`,
    outcome: `Подготовить дорожную карту референтного ценообразования ${fx.tag}`,
    fund: `Минздрав (русское наименование) ${fx.tag}`,
  });
  await prisma.programme.update({
    where: { id: fx.programme.id },
    data: { description: `Programme description ${fx.tag}`, translations: { ru: { title: RU.programme, description: RU.description } } },
  });
  await prisma.activity.update({ where: { id: fx.workshop.id }, data: { translations: { ru: { title: RU.workshop } } } });
  await prisma.agreement.update({ where: { id: fx.agreement.id }, data: { translations: { ru: { title: RU.agreement } } } });
  await prisma.outcome.updateMany({ where: { activityId: fx.workshop.id }, data: { translations: { ru: { text: RU.outcome } } } });
  await prisma.organisation.update({ where: { id: fx.fund.id }, data: { shortName: `MZ-${fx.tag}`, fullName: `Ministry of Health ${fx.tag}`, translations: { ru: { fullName: RU.fund } } } });
});

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe("programme report in the reader's language", () => {
  it("gives a Russian reader the Russian titles and texts, and an English reader the records' own", async () => {
    const r = (await buildProgrammeReport(staff, fx.programme.code, period, now, ru))!;
    expect(r.programme.title).toBe(RU.programme);
    expect(r.programme.description).toBe(RU.description);
    // The own title is still on the cover, among the other languages.
    expect(r.programme.otherTitles).toEqual([fx.programme.title]);
    expect(r.activities.map((a) => a.title)).toEqual([RU.workshop, `Study visit to Seoul ${fx.tag}`]);
    expect(r.activities[0].agreements).toBe(RU.agreement);
    expect(r.agreements.map((a) => a.title)).toEqual([RU.agreement]);
    expect(r.participantGroups[0].activity).toBe(RU.workshop);
    expect(r.participantGroups[0].group).toBe(`${RU.fund} (MZ-${fx.tag})`);
    expect(r.deliverables.find((d) => d.title === `Workshop report ${fx.tag}`)?.activity).toBe(RU.workshop);
    expect(r.deliverables.find((d) => d.title === `Pricing roadmap ${fx.tag}`)?.agreement).toBe(RU.agreement);
    expect(r.outcomes[0]).toMatchObject({ activity: RU.workshop, text: RU.outcome });
    expect(r.programme.funders).toEqual([`${RU.fund} (MZ-${fx.tag}) — Ministry of Health ${fx.tag}`]);

    const e = (await buildProgrammeReport(staff, fx.programme.code, period, now, en))!;
    expect(e.programme.title).toBe(fx.programme.title);
    expect(e.programme.description).toBe(`Programme description ${fx.tag}`);
    expect(e.programme.otherTitles).toEqual([RU.programme]);
    expect(e.activities.map((a) => a.title)).toEqual([`Workshop on drug pricing ${fx.tag}`, `Study visit to Seoul ${fx.tag}`]);
    expect(e.agreements[0].title).toBe(`Memorandum on pharmaceutical regulation ${fx.tag}`);
    expect(e.outcomes[0]).toMatchObject({ activity: `Workshop on drug pricing ${fx.tag}`, text: `Draft a reference-pricing roadmap ${fx.tag}` });
    expect(e.participantGroups[0].group).toBe(`Ministry of Health ${fx.tag} (MZ-${fx.tag})`);
    expect(e.programme.funders).toEqual([`Ministry of Health ${fx.tag} (MZ-${fx.tag}) — ${RU.fund}`]);
  });

  it("writes the Russian titles into the workbook for a Russian reader and the English ones for an English reader", async () => {
    const cells = async (t: typeof ru) => {
      const report = (await buildProgrammeReport(staff, fx.programme.code, period, now, t))!;
      const out = new PassThrough();
      const [bytes] = await Promise.all([streamToBuffer(out), writeProgrammeWorkbook(report, out, t)]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const all: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => all.push(String(c.value)))));
      return { wb, all };
    };
    const r = await cells(ru);
    expect(r.all).toContain(RU.programme);
    expect(r.all).toContain(RU.workshop);
    expect(r.all).toContain(RU.outcome);
    expect(r.all).not.toContain(`Workshop on drug pricing ${fx.tag}`);
    const e = await cells(en);
    expect(e.all).toContain(fx.programme.title);
    expect(e.all).toContain(`Workshop on drug pricing ${fx.tag}`);
    expect(e.all).not.toContain(RU.workshop);
    expect(e.wb.getWorksheet("Activities")!.getCell("A2").value).toBe(`Workshop on drug pricing ${fx.tag}`);
  });

  it("writes the Russian titles into the PDF for a Russian reader and the English ones for an English reader", async () => {
    const text = async (t: typeof ru) => {
      const report = (await buildProgrammeReport(staff, fx.programme.code, period, now, t))!;
      const bytes = await streamToBuffer(programmeReportPdf(report, t));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-report-lang-"));
      const file = path.join(dir, "report.pdf");
      fs.writeFileSync(file, bytes);
      try {
        return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const r = await text(ru);
    expect(r).toContain(RU.workshop);
    expect(r).toContain(RU.description);
    const e = await text(en);
    expect(e).toContain(`Workshop on drug pricing ${fx.tag}`);
    expect(e).not.toContain(RU.workshop);
  });
});
