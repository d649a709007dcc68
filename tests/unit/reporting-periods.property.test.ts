import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, reportingPeriods, type ReportingFrequencyName } from "~/models/reporting-periods";
import { RequirementFormSchema } from "~/schemas/reporting-requirement";

// Issue 18, point 1: the periods Concord creates for a reporting requirement.

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const show = (req: Parameters<typeof reportingPeriods>[0]) =>
  reportingPeriods(req).map((p) => `${p.sequence} ${iso(p.periodStart)}..${iso(p.periodEnd)} due ${iso(p.dueDate)}`);

describe("reportingPeriods", () => {
  it("aligns quarters on the calendar: a short first period, full quarters, the last clipped to the end", () => {
    expect(show({ frequency: "QUARTERLY", startDate: day("2026-02-15"), endDate: day("2026-11-20"), dueDays: 30 })).toEqual([
      "1 2026-02-15..2026-03-31 due 2026-04-30",
      "2 2026-04-01..2026-06-30 due 2026-07-30",
      "3 2026-07-01..2026-09-30 due 2026-10-30",
      "4 2026-10-01..2026-11-20 due 2026-12-20",
    ]);
  });

  it("ends February on the 28th, and on the 29th in a leap year", () => {
    const months = (y: number) => reportingPeriods({ frequency: "MONTHLY", startDate: day(`${y}-01-01`), endDate: day(`${y}-03-31`), dueDays: 0 });
    expect(iso(months(2027)[1].periodEnd)).toBe("2027-02-28");
    expect(iso(months(2028)[1].periodEnd)).toBe("2028-02-29");
    expect(months(2028).map((p) => iso(p.periodEnd))).toEqual(["2028-01-31", "2028-02-29", "2028-03-31"]);
  });

  it("splits half-years at 30 June and years at 31 December, across year ends", () => {
    expect(show({ frequency: "HALF_YEARLY", startDate: day("2025-09-01"), endDate: day("2026-12-31"), dueDays: 45 })).toEqual([
      "1 2025-09-01..2025-12-31 due 2026-02-14",
      "2 2026-01-01..2026-06-30 due 2026-08-14",
      "3 2026-07-01..2026-12-31 due 2027-02-14",
    ]);
    expect(show({ frequency: "ANNUAL", startDate: day("2024-03-10"), endDate: day("2025-06-30"), dueDays: 60 })).toEqual([
      "1 2024-03-10..2024-12-31 due 2025-03-01",
      "2 2025-01-01..2025-06-30 due 2025-08-29",
    ]);
  });

  it("makes one period of a single day, and none when the end is before the start", () => {
    expect(show({ frequency: "QUARTERLY", startDate: day("2026-03-31"), endDate: day("2026-03-31"), dueDays: 30 })).toEqual(["1 2026-03-31..2026-03-31 due 2026-04-30"]);
    expect(reportingPeriods({ frequency: "MONTHLY", startDate: day("2026-04-01"), endDate: day("2026-03-31"), dueDays: 30 })).toEqual([]);
  });

  it("takes CUSTOM periods from the listed ends, sorted, without repeats or ends outside the range", () => {
    expect(
      show({
        frequency: "CUSTOM",
        startDate: day("2026-01-10"),
        endDate: day("2026-12-31"),
        dueDays: 14,
        customPeriodEnds: [day("2026-09-15"), day("2026-04-30"), day("2026-04-30"), day("2025-12-31"), day("2027-01-31")],
      }),
    ).toEqual(["1 2026-01-10..2026-04-30 due 2026-05-14", "2 2026-05-01..2026-09-15 due 2026-09-29"]);
  });

  const frequency = fc.constantFrom<Exclude<ReportingFrequencyName, "CUSTOM">>("MONTHLY", "QUARTERLY", "HALF_YEARLY", "ANNUAL");
  const someDay = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays(day("2000-01-01"), n));

  it("covers the range exactly: contiguous, in order, each inside one calendar block, due dueDays after its end", () => {
    fc.assert(
      fc.property(frequency, someDay, fc.integer({ min: 0, max: 365 * 4 }), fc.integer({ min: 0, max: 365 }), (f, start, length, dueDays) => {
        const end = addDays(start, length);
        const periods = reportingPeriods({ frequency: f, startDate: start, endDate: end, dueDays });
        expect(periods.length).toBeGreaterThan(0);
        expect(iso(periods[0].periodStart)).toBe(iso(start));
        expect(iso(periods[periods.length - 1].periodEnd)).toBe(iso(end));
        const months = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, ANNUAL: 12 }[f];
        periods.forEach((p, i) => {
          expect(p.sequence).toBe(i + 1);
          expect(p.periodEnd.getTime()).toBeGreaterThanOrEqual(p.periodStart.getTime());
          if (i > 0) expect(iso(p.periodStart)).toBe(iso(addDays(periods[i - 1].periodEnd, 1)));
          // Start and end in the same aligned block; every inner boundary is a block's last day.
          const block = (d: Date) => d.getUTCFullYear() * 12 + Math.floor(d.getUTCMonth() / months) * months;
          expect(block(p.periodEnd)).toBe(block(p.periodStart));
          if (i < periods.length - 1) expect(block(addDays(p.periodEnd, 1))).not.toBe(block(p.periodEnd));
          expect(iso(p.dueDate)).toBe(iso(addDays(p.periodEnd, dueDays)));
          for (const d of [p.periodStart, p.periodEnd, p.dueDate]) expect(d.toISOString().endsWith("T00:00:00.000Z")).toBe(true);
        });
      }),
    );
  });
});

describe("RequirementFormSchema on any input", () => {
  const anything = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("", " ", "2026-02-30", "2026-13-01", "99999-01-01", "-1", "1e9", "QUARTERLY", "CUSTOM"));
  it("never throws, and whatever it accepts generates periods without throwing", () => {
    fc.assert(
      fc.property(fc.record({ title: anything, frequency: anything, startDate: anything, endDate: anything, dueDays: anything, customPeriodEnds: anything, reporter: anything, reporterCountryCode: anything }), (values) => {
        const parsed = RequirementFormSchema.safeParse(values);
        if (parsed.success) reportingPeriods(parsed.data);
      }),
    );
    const ok = RequirementFormSchema.safeParse({ title: "T", frequency: "CUSTOM", startDate: "2026-01-01", endDate: "2026-12-31", dueDays: "30", reporter: "STAFF", customPeriodEnds: "2026-03-31, 2026-12-31" });
    expect(ok.success && reportingPeriods(ok.data).length).toBe(2);
  });
});
