import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { alpha2ToNumeric, numericToAlpha2, worldShapes } from "~/models/portfolio-map.server";
import { loadPortfolio, parsePortfolioFilters, type Portfolio, type PortfolioFilters } from "~/models/portfolio.server";
import { shadeBuckets } from "~/components/portfolio/map-scale";
import { prisma } from "~/utils/db.server";
import { createKnownPortfolio } from "../factories/portfolio";

// Each test file has a database of its own, so the staff figures below are
// exactly the factory portfolio's (tests/factories/portfolio.ts).
const TODAY = "2031-03-15";
const now = new Date(`${TODAY}T10:00:00Z`);
const staff: Scope = { kind: "staff" };
let known: Awaited<ReturnType<typeof createKnownPortfolio>>;

const all: PortfolioFilters = { from: null, to: null, programme: null };
const load = (scope: Scope, filters: Partial<PortfolioFilters> = {}) => loadPortfolio(scope, { ...all, ...filters }, now);
const kindYear = (p: Portfolio) => p.activitiesByKindYear.map((r) => [r.year, r.kind, r.count]);

beforeAll(async () => {
  known = await createKnownPortfolio(prisma, TODAY);
});

describe("filters", () => {
  it("parses years and a programme code, ignores junk and swaps a reversed range", () => {
    expect(parsePortfolioFilters(new URLSearchParams("from=2024&to=2022&programme=BY-DRG"))).toEqual({ from: 2022, to: 2024, programme: "BY-DRG" });
    expect(parsePortfolioFilters(new URLSearchParams("from=abc&to=99999&programme="))).toEqual({ from: null, to: null, programme: null });
  });
});

describe("activities by kind and year", () => {
  it("uses the actual start, else the planned start, with an undated bucket; archived records excluded", async () => {
    const p = await load(staff, { programme: known.p1.code });
    expect(kindYear(p)).toEqual([
      [2023, "WORKSHOP", 1], // actual start 31 Dec 2023 beats the planned 5 Jan 2024
      [2024, "STUDY_VISIT", 1], // 31 Dec 2024
      [2024, "WORKSHOP", 1], // 1 Jan 2024
      [null, "TRAINING_COURSE", 1],
    ]);
  });

  it("covers all non-archived programmes for staff, never archived ones", async () => {
    const p = await load(staff);
    expect(kindYear(p)).toEqual([
      [2023, "WORKSHOP", 1],
      [2024, "STUDY_VISIT", 1],
      [2024, "WORKSHOP", 1],
      [2025, "CONSULTANCY", 1],
      [null, "TRAINING_COURSE", 1],
    ]);
    expect(p.programmeOptions.map((o) => o.code)).toEqual([known.p1.code, known.p2.code]);
  });

  it("filters by year range inclusively and leaves undated activities out", async () => {
    expect(kindYear(await load(staff, { from: 2024, to: 2024 }))).toEqual([
      [2024, "STUDY_VISIT", 1],
      [2024, "WORKSHOP", 1],
    ]);
    expect(kindYear(await load(staff, { to: 2023 }))).toEqual([[2023, "WORKSHOP", 1]]);
    expect(kindYear(await load(staff, { from: 2025 }))).toEqual([[2025, "CONSULTANCY", 1]]);
  });
});

describe("deliverables by status", () => {
  it("counts each status and the overdue ones (due before today, not submitted or accepted)", async () => {
    const p = await load(staff, { programme: known.p1.code });
    expect(p.deliverablesByStatus).toEqual([
      { status: "NOT_STARTED", count: 2 },
      { status: "IN_PROGRESS", count: 1 },
      { status: "SUBMITTED", count: 1 },
      { status: "ACCEPTED", count: 1 },
    ]);
    expect(p.deliverablesOverdue).toBe(1);
    const everything = await load(staff);
    expect(everything.deliverablesOverdue).toBe(2);
  });

  it("applies the year range to the due date", async () => {
    const p = await load(staff, { programme: known.p1.code, from: 2024, to: 2024 });
    expect(p.deliverablesByStatus).toEqual([
      { status: "SUBMITTED", count: 1 },
      { status: "ACCEPTED", count: 1 },
    ]);
    expect(p.deliverablesOverdue).toBe(0);
  });
});

describe("participants by sex", () => {
  it("sums female, male, other and the not-disaggregated rest, overall and per year", async () => {
    const p = await load(staff, { programme: known.p1.code });
    expect(p.participantsTotal).toEqual({ year: null, female: 23, male: 22, other: 1, notDisaggregated: 24, total: 70 });
    expect(p.participantsByYear).toEqual([
      { year: 2023, female: 8, male: 10, other: 1, notDisaggregated: 1, total: 20 },
      { year: 2024, female: 12, male: 10, other: 0, notDisaggregated: 23, total: 45 },
      { year: null, female: 3, male: 2, other: 0, notDisaggregated: 0, total: 5 },
    ]);
  });

  it("is zero, not null, when nothing is recorded", async () => {
    const p = await load(staff, { from: 2030 });
    expect(p.participantsTotal).toEqual({ year: null, female: 0, male: 0, other: 0, notDisaggregated: 0, total: 0 });
    expect(p.participantsByYear).toEqual([]);
  });
});

describe("funding by donor and year", () => {
  it("sums commitments and disbursements per provider, year and currency, never across currencies", async () => {
    const p = await load(staff, { programme: known.p1.code });
    const a = known.funderA.shortName;
    expect(p.funding.map((r) => ({ ...r, commitment: Number(r.commitment), disbursement: Number(r.disbursement) }))).toEqual([
      { provider: a, year: 2023, currency: "KRW", commitment: 32_000_000_000, disbursement: 1_000_000.25 },
      { provider: a, year: 2024, currency: "KRW", commitment: 0, disbursement: 500 },
      { provider: a, year: 2024, currency: "USD", commitment: 250.75, disbursement: 0 },
      { provider: "Provider not recorded", year: 2024, currency: "USD", commitment: 0, disbursement: 10 },
    ]);
    // Exact decimals, as text.
    expect(p.funding[0].commitment).toBe("32000000000.00");
    expect(p.funding[0].disbursement).toBe("1000000.25");
  });

  it("applies the year range to the funding year (31 Dec and 1 Jan fall in different years)", async () => {
    const p = await load(staff, { programme: known.p1.code, to: 2023 });
    expect(p.funding.map((r) => [r.year, r.currency, Number(r.commitment), Number(r.disbursement)])).toEqual([[2023, "KRW", 32_000_000_000, 1_000_000.25]]);
  });
});

describe("activities by country (map)", () => {
  it("counts the activity's own country, else each partner country of its programme", async () => {
    const p = await load(staff);
    expect(p.countries).toEqual([
      { code: "BY", name: "Belarus", count: 3 },
      { code: "KZ", name: "Kazakhstan", count: 1 }, // ties by name
      { code: "KR", name: "Korea, Republic of", count: 1 },
      { code: "UZ", name: "Uzbekistan", count: 1 },
    ]);
    const y2024 = await load(staff, { programme: known.p1.code, from: 2024, to: 2024 });
    expect(y2024.countries.map((c) => [c.code, c.count])).toEqual([["BY", 1], ["KR", 1]]);
  });

  it("maps world-atlas numeric ids to our alpha-2 codes", () => {
    expect(numericToAlpha2("112")).toBe("BY");
    expect(numericToAlpha2(398)).toBe("KZ");
    expect(numericToAlpha2("410")).toBe("KR");
    expect(alpha2ToNumeric("BY")).toBe("112");
    expect(alpha2ToNumeric("kz")).toBe("398");
    expect(alpha2ToNumeric("KR")).toBe("410");
  });

  it("projects the outlines on the server, keyed by alpha-2, without Antarctica", () => {
    const shapes = worldShapes();
    const belarus = shapes.find((s) => s.code === "BY");
    expect(belarus?.d).toMatch(/^M[\d.]+,[\d.]+/);
    expect(shapes.some((s) => s.code === "AQ")).toBe(false);
    expect(shapes.filter((s) => s.code).length).toBeGreaterThan(160);
  });

  it("shades in at most four ranges with their labels", () => {
    expect(shadeBuckets(0)).toEqual([]);
    expect(shadeBuckets(3).map((b) => b.label)).toEqual(["1 activity", "2 activities", "3 activities"]);
    expect(shadeBuckets(10).map((b) => b.label)).toEqual(["1–3 activities", "4–6 activities", "7–9 activities", "10 activities"]);
  });
});

describe("donor scope", () => {
  it("covers only the programmes the donor's organisations fund", async () => {
    const donor: Scope = { kind: "donor", organisationIds: [known.funderA.id] };
    const p = await load(donor);
    expect(p.programmeOptions.map((o) => o.code)).toEqual([known.p1.code]);
    expect(kindYear(p)).toEqual(kindYear(await load(staff, { programme: known.p1.code })));
    expect(p.participantsTotal.total).toBe(70);
    expect(p.funding.some((r) => r.provider === known.funderB.shortName)).toBe(false);
    expect(p.countries.map((c) => c.code)).toEqual(["BY", "KR"]);
    expect(p.deliverablesOverdue).toBe(1);
  });

  it("ignores a programme code outside the scope", async () => {
    const donor: Scope = { kind: "donor", organisationIds: [known.funderA.id] };
    const p = await load(donor, { programme: known.p2.code });
    expect(p.filters.programme).toBeNull();
    expect(p.activitiesByKindYear.some((r) => r.kind === "CONSULTANCY")).toBe(false);
    expect(p.funding.every((r) => Number(r.commitment) !== 5000)).toBe(true);
  });

  it("is empty for a donor that funds nothing", async () => {
    const p = await load({ kind: "donor", organisationIds: [] });
    expect(p.programmeCount).toBe(0);
    expect(p.activitiesByKindYear).toEqual([]);
    expect(p.funding).toEqual([]);
  });
});
