import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { programmeReportPdf } from "~/reports/pdf.server";
import { buildProgrammeReport } from "~/reports/programme-report.server";
import { prisma } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed/demo";

// The check on the demo portfolio itself: a programme report's PDF,
// read back with pdftotext, holds the Russian/Belarusian and Korean names the
// demo data keeps (fonts come from the project's own npm dependencies).

async function pdfText(code: string): Promise<string> {
  const report = await buildProgrammeReport({ kind: "staff" }, code, { from: new Date("2015-01-01"), to: new Date("2030-12-31") });
  expect(report, code).not.toBeNull();
  const chunks: Buffer[] = [];
  for await (const chunk of programmeReportPdf(report!)) chunks.push(Buffer.from(chunk as Buffer));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "concord-demo-report-")), `${code}.pdf`);
  fs.writeFileSync(file, Buffer.concat(chunks));
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

describe("demo portfolio reports", () => {
  beforeAll(async () => {
    await seedDemo(prisma, { users: [] });
  }, 120_000);

  it("print the Belarus programme's Russian title and the Korean names of its partners", async () => {
    const drg = await prisma.programme.findUniqueOrThrow({ where: { code: "BY-DRG" } });
    const ru = (drg.translations as { ru?: { title?: string } }).ru?.title;
    expect(ru).toMatch(/[А-Яа-яЁёІіЎў]/);
    const text = await pdfText("BY-DRG");
    expect(text).toContain(drg.title);
    expect(text).toContain(ru!.replace(/\s+/g, " "));
    expect(text).toContain("국민건강보험공단"); // NHIS, implementing
    expect(text).toContain("Министерство здравоохранения Республики Беларусь"); // MOH-BY
  });

  it("print the Korean names of the Central Asia programme's organisations", async () => {
    const text = await pdfText("KR-CA-HEALTH");
    expect(text).toContain("건강보험심사평가원"); // HIRA
    expect(text).toContain("보건복지부"); // MOHW-KR
  });
});
