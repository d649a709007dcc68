import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import type { Scope } from "~/auth/scope.server";
import { listHistory } from "~/models/history.server";
import {
  createIndicator,
  deleteIndicator,
  getIndicator,
  INDICATOR_LIST,
  listIndicators,
  setIndicatorArchived,
  updateIndicator,
} from "~/models/indicator.server";
import { IndicatorFormSchema, type IndicatorForm } from "~/schemas/indicator";
import { prisma } from "~/utils/db.server";
import { ConflictError, DomainError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { parse as parseCsv } from "csv-parse/sync";
import { indicatorColumns } from "~/components/indicators/indicator-columns";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createFormatter } from "~/i18n/format";
import { toCsv } from "~/reports/csv.server";
import { createProgramme, createUser } from "../factories";
import { createIndicator as makeIndicator } from "../factories/results";
import { english } from "../support/english";

// The list's columns as an English reader gets them (table and CSV).
const INDICATOR_COLUMNS = indicatorColumns(serverTranslator("en"), createFormatter(serverTranslator("en")));

const staff: Scope = { kind: "staff" };
let actor: { id: string; email: string };
let by: { id: string; code: string };
let kz: { id: string; code: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  actor = { id: user.id, email: user.email };
  by = await createProgramme(prisma, { countries: ["BY"], title: "Hospital payment reform in Belarus" });
  kz = await createProgramme(prisma, { countries: ["KZ"], title: "Cancer care exchange with Kazakhstan" });
});

type Row = Record<string, string>;

/** What the browser posts: strings, blank rows included. */
function form(overrides: Record<string, unknown> = {}, periods: Row[] = []) {
  return {
    version: "",
    programmeId: by.id,
    agreementId: "",
    resultType: "OUTPUT",
    measure: "UNIT",
    title: "Recipients of Medical Aid",
    description: "",
    unitLabel: "people",
    ascending: "on",
    baselineValue: "140000",
    baselineYear: "2021",
    baselineComment: "",
    periods: [...periods, blankRow(), blankRow()],
    ...overrides,
  };
}

function blankRow(): Row {
  return {
    periodStart: "", periodEnd: "", targetValue: "", actualValue: "", targetFemale: "", targetMale: "",
    actualFemale: "", actualMale: "", targetComment: "", actualComment: "",
  };
}

const period = (start: string, end: string, extra: Row = {}): Row => ({ ...blankRow(), periodStart: start, periodEnd: end, ...extra });

function errors(input: unknown): Record<string, string> {
  const parsed = IndicatorFormSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), english(i.message)]));
}

function parse(input: unknown): IndicatorForm {
  return IndicatorFormSchema.parse(input);
}

describe("IndicatorFormSchema", () => {
  it("accepts a unit indicator, drops blank rows and reads the checkbox", () => {
    const data = parse(form({}, [period("2022-01-01", "2022-12-31", { targetValue: "150,000", actualValue: "146619" })]));
    expect(data.periods).toHaveLength(1);
    expect(data.periods[0].targetValue).toBe("150000");
    expect(data.ascending).toBe(true);
    expect(data.baselineYear).toBe(2021);
    expect(parse(form({ ascending: undefined })).ascending).toBe(false);
  });

  it("requires a title, programme and result type", () => {
    const e = errors(form({ title: " ", programmeId: "", resultType: "" }));
    expect(e.title).toBe("Enter a title.");
    expect(e.programmeId).toBe("Choose the programme.");
    expect(e.resultType).toMatch(/Choose the result type/);
  });

  it("keeps the baseline year between 1900 and 2100", () => {
    expect(errors(form({ baselineYear: "1899" })).baselineYear).toBe("Enter a baseline year between 1900 and 2100.");
    expect(errors(form({ baselineYear: "2101" })).baselineYear).toBe("Enter a baseline year between 1900 and 2100.");
    expect(errors(form({ baselineYear: "twenty" })).baselineYear).toMatch(/as a year/);
  });

  it("needs both dates of a period, and an end not before its start", () => {
    expect(errors(form({}, [{ ...blankRow(), targetValue: "10" }]))["periods.0.periodStart"]).toBe("Enter the period start.");
    expect(errors(form({}, [period("2022-12-31", "2022-01-01")]))["periods.0.periodEnd"]).toBe("The period cannot end before it starts.");
  });

  it("refuses overlapping periods, with the message on the later row", () => {
    const e = errors(form({}, [period("2022-01-01", "2022-12-31"), period("2022-07-01", "2023-06-30")]));
    expect(e["periods.1.periodStart"]).toMatch(/overlaps period 1 \(2022-01-01 to 2022-12-31\)/);
    expect(e["periods.0.periodStart"]).toBeUndefined();

    // The later period is the one that starts later, wherever it sits in the form.
    const reversed = errors(form({}, [period("2022-07-01", "2023-06-30"), period("2022-01-01", "2022-12-31")]));
    expect(reversed["periods.0.periodStart"]).toMatch(/overlaps period 2/);
    expect(reversed["periods.1.periodStart"]).toBeUndefined();

    // Sharing a single day is an overlap (dates are inclusive); adjacent periods are fine.
    expect(errors(form({}, [period("2022-01-01", "2022-12-31"), period("2022-12-31", "2023-12-31")]))["periods.1.periodStart"]).toMatch(/overlaps/);
    expect(errors(form({}, [period("2022-01-01", "2022-12-31"), period("2023-01-01", "2023-12-31")]))).toEqual({});
  });

  it("keeps row numbers when a blank row sits between filled ones", () => {
    const e = errors(form({}, [period("2022-01-01", "2022-12-31"), blankRow(), period("2022-06-01", "2022-06-30")]));
    expect(e["periods.2.periodStart"]).toMatch(/overlaps period 1/);
    const ok = parse(form({}, [period("2022-01-01", "2022-12-31"), blankRow(), period("2023-01-01", "2023-12-31")]));
    expect(ok.periods.map((p) => p.periodStart.toISOString().slice(0, 4))).toEqual(["2022", "2023"]);
  });

  it("keeps percentages between 0 and 100", () => {
    const e = errors(
      form({ measure: "PERCENTAGE", unitLabel: "", baselineValue: "120" }, [period("2022-01-01", "2022-12-31", { targetValue: "100.5", actualValue: "-1" })]),
    );
    expect(e.baselineValue).toBe("A percentage lies between 0 and 100.");
    expect(e["periods.0.targetValue"]).toBe("A percentage lies between 0 and 100.");
    expect(e["periods.0.actualValue"]).toBe("A percentage lies between 0 and 100.");
    expect(errors(form({ measure: "PERCENTAGE", baselineValue: "0" }, [period("2022-01-01", "2022-12-31", { targetValue: "100" })]))).toEqual({});
  });

  it("refuses numbers on a qualitative indicator; comments are its content", () => {
    const e = errors(
      form({ measure: "QUALITATIVE", baselineValue: "3" }, [period("2022-01-01", "2022-12-31", { targetValue: "1", actualComment: "Adopted" })]),
    );
    expect(e.baselineValue).toMatch(/qualitative indicator has no numeric baseline/);
    expect(e["periods.0.targetValue"]).toMatch(/qualitative indicator has no numbers/);
    const ok = parse(
      form({ measure: "QUALITATIVE", baselineValue: "", baselineComment: "No strategy" }, [
        period("2022-01-01", "2022-12-31", { targetComment: "Strategy adopted", actualComment: "Adopted in May" }),
      ]),
    );
    expect(ok.periods[0].actualComment).toBe("Adopted in May");
  });

  it("refuses by-sex figures over their total, and accepts them without one", () => {
    const e = errors(
      form({}, [period("2022-01-01", "2022-12-31", { targetValue: "100", targetFemale: "60", targetMale: "41", actualValue: "90", actualMale: "91" })]),
    );
    expect(e["periods.0.targetFemale"]).toBe("Women and men together (101) exceed the target (100).");
    expect(e["periods.0.actualMale"]).toBe("Women and men together (91) exceed the actual value (90).");
    expect(errors(form({}, [period("2022-01-01", "2022-12-31", { targetFemale: "60", targetMale: "41" })]))).toEqual({});
    expect(errors(form({}, [period("2022-01-01", "2022-12-31", { targetValue: "100", targetFemale: "60", targetMale: "40" })]))).toEqual({});
    expect(errors(form({}, [period("2022-01-01", "2022-12-31", { targetFemale: "-1" })]))["periods.0.targetFemale"]).toBe("Figures by sex cannot be negative.");
  });
});

describe("indicator records", () => {
  it("creates an indicator with its periods and records who did it", async () => {
    const created = await createIndicator(
      ctxFor(actor, undefined, { ip: "10.0.0.1" }),
      parse(
        form({ title: "Patients treated under the new payment model" }, [
          period("2022-01-01", "2022-12-31", { targetValue: "150000", actualValue: "146619", targetFemale: "80000", targetMale: "70000" }),
          period("2023-01-01", "2023-12-31", { targetValue: "155000", targetComment: "Ministry plan" }),
        ]),
      ),
    );
    const stored = await getIndicator(staff, created.id);
    expect(stored?.periods.map((p) => [p.targetValue?.toString(), p.actualValue?.toString() ?? null])).toEqual([
      ["150000", "146619"],
      ["155000", null],
    ]);
    expect(stored?.baselineValue?.toString()).toBe("140000");
    const [event] = await listHistory("Indicator", created.id);
    expect(event.action).toBe("create");
    expect(event.actorEmail).toBe(actor.email);
    expect(event.changes?.periods).toEqual([
      "2022-01-01 to 2022-12-31: target 150000; actual 146619; target women 80000; target men 70000",
      "2023-01-01 to 2023-12-31: target 155000; target comment “Ministry plan”",
    ]);
  });

  it("links only an agreement of the same programme", async () => {
    const other = await prisma.agreement.create({ data: { programmeId: kz.id, type: "MOU", title: "KZ MoU" } });
    const own = await prisma.agreement.create({ data: { programmeId: by.id, type: "MOU", title: "BY MoU" } });
    await expect(createIndicator(ctxFor(actor), parse(form({ agreementId: other.id })))).rejects.toMatchObject({
      code: "invalid",
      details: { field: "agreementId" },
    });
    const ok = await createIndicator(ctxFor(actor), parse(form({ agreementId: own.id })));
    expect((await getIndicator(staff, ok.id))?.agreement?.title).toBe("BY MoU");
    await expect(createIndicator(ctxFor(actor), parse(form({ programmeId: "nope" })))).rejects.toBeInstanceOf(DomainError);
  });

  it("updates fields and periods in one step, audited with before and after", async () => {
    const created = await createIndicator(ctxFor(actor), parse(form({}, [period("2022-01-01", "2022-12-31", { targetValue: "150000" })])));
    const result = await updateIndicator(
      ctxFor(actor),
      created.id,
      created.version,
      parse(form({ title: "Recipients of medical aid", baselineValue: "140000.00" }, [
        period("2022-01-01", "2022-12-31", { targetValue: "150000", actualValue: "146619" }),
        period("2023-01-01", "2023-12-31", { targetValue: "155000" }),
      ])),
    );
    // The baseline written as 140000.00 is the same number: not a change.
    expect(result.changed.sort()).toEqual(["periods", "title"]);
    const stored = await prisma.indicator.findUniqueOrThrow({ where: { id: created.id }, include: { periods: true } });
    expect(stored.version).toBe(created.version + 1);
    expect(stored.periods).toHaveLength(2);
    const [event] = await listHistory("Indicator", created.id);
    expect(event.action).toBe("update");
    expect(event.changes?.title).toEqual({ before: "Recipients of Medical Aid", after: "Recipients of medical aid" });
  });

  it("keeps the title and description in Russian and Korean as IATI narratives, and an edit keeps other languages", async () => {
    const created = await createIndicator(
      ctxFor(actor),
      parse(form({ translations: { ru: { title: "Получатели медицинской помощи", description: "" }, ko: { title: "", description: "" } } })),
    );
    expect((await prisma.indicator.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { title: "Получатели медицинской помощи" },
    });
    // A language the form does not edit (Kazakh, from an import) and another field stay.
    await prisma.indicator.update({
      where: { id: created.id },
      data: { translations: { ru: { title: "Получатели медицинской помощи", unitLabel: "человек" }, kk: { title: "Медициналық көмек алушылар" } } },
    });
    const result = await updateIndicator(
      ctxFor(actor),
      created.id,
      created.version,
      parse(form({ translations: { ru: { title: "", description: "" }, ko: { title: "의료 지원 수혜자", description: "설명" } } })),
    );
    expect(result).toMatchObject({ changed: ["translations"] });
    expect((await prisma.indicator.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { unitLabel: "человек" },
      kk: { title: "Медициналық көмек алушылар" },
      ko: { title: "의료 지원 수혜자", description: "설명" },
    });
    const [event] = await listHistory("Indicator", created.id);
    expect(event.changes).toEqual({
      translations: {
        before: ["kk title: Медициналық көмек алушылар", "ru title: Получатели медицинской помощи", "ru unitLabel: человек"],
        after: ["kk title: Медициналық көмек алушылар", "ko description: 설명", "ko title: 의료 지원 수혜자", "ru unitLabel: человек"],
      },
    });
  });

  it("refuses a stale version and says what the other person changed", async () => {
    const created = await createIndicator(ctxFor(actor), parse(form()));
    await updateIndicator(ctxFor(actor), created.id, created.version, parse(form({ unitLabel: "patients" })));
    const stale = updateIndicator(ctxFor(actor), created.id, created.version, parse(form({ title: "Mine" })));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await stale.catch((e: ConflictError) => {
      expect(e.changes.unitLabel).toEqual({ mine: "people", theirs: "patients" });
      expect(e.current.updatedBy).toBe(actor.email);
    });
    expect((await prisma.indicator.findUniqueOrThrow({ where: { id: created.id } })).title).toBe("Recipients of Medical Aid");
  });

  it("archives, restores and deletes with its periods", async () => {
    const created = await createIndicator(ctxFor(actor), parse(form({ title: "To archive" }, [period("2022-01-01", "2022-12-31", { targetValue: "1" })])));
    await setIndicatorArchived(ctxFor(actor), created.id, true);
    const q = (archived: boolean) => parseListQuery(new URLSearchParams({ q: "To archive", ...(archived ? { archived: "1" } : {}) }), INDICATOR_LIST);
    expect((await listIndicators(staff, q(false))).total).toBe(0);
    expect((await listIndicators(staff, q(true))).total).toBe(1);
    await setIndicatorArchived(ctxFor(actor), created.id, false);
    expect((await listIndicators(staff, q(false))).total).toBe(1);
    await deleteIndicator(ctxFor(actor), created.id);
    expect(await prisma.indicator.findUnique({ where: { id: created.id } })).toBeNull();
    expect(await prisma.indicatorPeriod.count({ where: { indicatorId: created.id } })).toBe(0);
    expect((await listHistory("Indicator", created.id)).map((e) => e.action)).toEqual(["delete", "restore", "archive", "create"]);
  });
});

describe("indicator list", () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const p = await createProgramme(prisma, { countries: ["UZ"], title: "Primary care in Uzbekistan" });
    const a = await makeIndicator(prisma, {
      programmeId: p.id,
      title: "Nurses trained in triage",
      resultType: "OUTPUT",
      unitLabel: "nurses",
      periods: [
        { start: "2021-01-01", end: "2021-12-31", target: 100, actual: 90 },
        { start: "2022-01-01", end: "2022-12-31", target: 200 },
      ],
    });
    const b = await makeIndicator(prisma, {
      programmeId: p.id,
      title: "Share of clinics using e-referral",
      resultType: "OUTCOME",
      measure: "PERCENTAGE",
      unitLabel: null,
      periods: [{ start: "2024-01-01", end: "2024-06-30", target: 50 }],
    });
    const c = await makeIndicator(prisma, { programmeId: p.id, title: "Referral policy adopted", resultType: "IMPACT", measure: "QUALITATIVE" });
    ids = { a: a.id, b: b.id, c: c.id, programme: p.id };
  });

  const list = async (params: Record<string, string>) =>
    (await listIndicators(staff, parseListQuery(new URLSearchParams({ programme: ids.programme, ...params }), INDICATOR_LIST), true)).rows.map(
      (r) => r.title,
    );

  it("searches titles, units, programmes and country names in any language", async () => {
    expect(await list({ q: "TRIAGE" })).toEqual(["Nurses trained in triage"]);
    expect(await list({ q: "nurses" })).toEqual(["Nurses trained in triage"]);
    expect((await list({ q: "Узбекистан" })).length).toBe(3);
    expect((await list({ q: "우즈베키스탄" })).length).toBe(3);
    expect(await list({ q: "primary care" })).toHaveLength(3);
  });

  it("filters by type, measure, country and periods overlapping a range", async () => {
    expect(await list({ type: "OUTCOME" })).toEqual(["Share of clinics using e-referral"]);
    expect(await list({ measure: "QUALITATIVE" })).toEqual(["Referral policy adopted"]);
    expect(await list({ type: "NONSENSE" })).toEqual([]);
    expect(await list({ country: "UZ", sort: "title" })).toEqual(["Nurses trained in triage", "Referral policy adopted", "Share of clinics using e-referral"]);
    expect(await list({ country: "BY" })).toEqual([]);
    expect(await list({ from: "2022-06-01", to: "2022-06-30" })).toEqual(["Nurses trained in triage"]);
    expect(await list({ from: "2024-06-30" })).toEqual(["Share of clinics using e-referral"]);
    expect(await list({ to: "2020-12-31" })).toEqual([]);
  });

  it("sorts by title, type and programme", async () => {
    expect(await list({ sort: "title", dir: "desc" })).toEqual(["Share of clinics using e-referral", "Referral policy adopted", "Nurses trained in triage"]);
    expect(await list({ sort: "type", dir: "asc" })).toEqual(["Nurses trained in triage", "Share of clinics using e-referral", "Referral policy adopted"]);
  });

  it("shows the latest reported period with its share of target", async () => {
    const { rows } = await listIndicators(staff, parseListQuery(new URLSearchParams({ programme: ids.programme }), INDICATOR_LIST), true);
    const nurses = rows.find((r) => r.id === ids.a)!;
    // 2022 has no actual yet: the latest period with an actual is 2021.
    expect(nurses.latest).toMatchObject({ targetValue: "100", actualValue: "90", percent: "90.0" });
    const share = rows.find((r) => r.id === ids.b)!;
    expect(share.latest).toMatchObject({ targetValue: "50", actualValue: null, percent: "" });
    expect(rows.find((r) => r.id === ids.c)!.latest).toBeNull();
  });

  it("exports exactly the table's columns, figures as plain numbers", async () => {
    const { rows } = await listIndicators(staff, parseListQuery(new URLSearchParams({ programme: ids.programme }), INDICATOR_LIST), true);
    const csv = parseCsv(toCsv(INDICATOR_COLUMNS, rows), { bom: true }) as string[][];
    expect(csv[0]).toEqual(INDICATOR_COLUMNS.map((c) => c.header));
    expect(csv[0]).toEqual([
      "Indicator", "Programme", "Result type", "Measure", "Unit", "Baseline", "Latest period", "Latest target", "Latest actual", "% of target",
    ]);
    expect(csv.find((r) => r[0] === "Nurses trained in triage")).toEqual([
      "Nurses trained in triage", "Primary care in Uzbekistan", "Output", "Unit", "nurses", "", "2021", "100", "90", "90.0",
    ]);
    expect(csv.find((r) => r[0] === "Share of clinics using e-referral")?.slice(3, 10)).toEqual(["Percentage", "%", "", "Jan 2024 – Jun 2024", "50", "", ""]);
  });
});

describe("indicator scope", () => {
  it("shows a partner its own countries' indicators only, and never archived ones", async () => {
    const mine = await makeIndicator(prisma, { programmeId: by.id, title: "Belarus indicator" });
    const foreign = await makeIndicator(prisma, { programmeId: kz.id, title: "Kazakhstan indicator" });
    const archived = await makeIndicator(prisma, { programmeId: by.id, title: "Archived Belarus indicator", archived: true });
    const partner: Scope = { kind: "partner", countries: ["BY"] };
    expect(await getIndicator(partner, foreign.id)).toBeNull();
    expect(await getIndicator(partner, archived.id)).toBeNull();
    expect((await getIndicator(partner, mine.id))?.title).toBe("Belarus indicator");
    const titles = (await listIndicators(partner, parseListQuery(new URLSearchParams({ q: "indicator" }), INDICATOR_LIST), true)).rows.map((r) => r.title);
    expect(titles).toContain("Belarus indicator");
    expect(titles).not.toContain("Kazakhstan indicator");
    expect(titles).not.toContain("Archived Belarus indicator");
    expect(await getIndicator({ kind: "donor", organisationIds: [] }, mine.id)).toBeNull();
  });
});
