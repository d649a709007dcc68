import { beforeAll, describe, expect, it } from "vitest";
import { AGREEMENT_LIST, effectiveAgreementStatus, getAgreement, listAgreements } from "~/models/agreement.server";
import { needsAttention } from "~/models/dashboard.server";
import { getPortalProgramme } from "~/models/portal.server";
import { programmeSections } from "~/models/programme.server";
import { buildProgrammeReport } from "~/reports/programme-report.server";
import { prisma } from "~/utils/db.server";
import { parseListQuery } from "~/utils/list-query";
import { createProgramme } from "../factories";
import { daysFromToday } from "../factories/deliverable";
import { createAgreementRecord } from "../factories/document";

// Issue 14, item 11: an agreement's effective state follows its dates.
const today = daysFromToday(0);
const d = (days: number) => daysFromToday(days);

describe("the rule", () => {
  const rule = (status: Parameters<typeof effectiveAgreementStatus>[0]["status"], expiresOn: Date | null, renewals: (Date | null)[] = []) =>
    effectiveAgreementStatus({ status, expiresOn, amendments: renewals.map((expiresOn) => ({ expiresOn })) }, today);

  it("lapses an agreement in force the day after its expiry", () => {
    expect(rule("ACTIVE", d(-1))).toBe("EXPIRED");
    expect(rule("SIGNED", d(-400))).toBe("EXPIRED");
    expect(rule("ACTIVE", d(0))).toBe("ACTIVE");
    expect(rule("ACTIVE", null)).toBe("ACTIVE");
  });

  it("keeps an agreement renewed by a later amendment in force", () => {
    expect(rule("ACTIVE", d(-10), [d(5)])).toBe("ACTIVE");
    expect(rule("ACTIVE", d(-10), [d(-3), null])).toBe("EXPIRED");
  });

  it("keeps manual states whatever the dates", () => {
    for (const status of ["DRAFT", "UNDER_NEGOTIATION", "TERMINATED", "EXPIRED"] as const) {
      expect(rule(status, d(-10))).toBe(status);
      expect(rule(status, d(10))).toBe(status);
    }
  });
});

describe("lists, filters, pages, portal, report and dashboard", () => {
  let programme: { id: string; code: string };
  const ids: Record<string, string> = {};
  const q = (s: string) => listAgreements({ kind: "staff" }, parseListQuery(new URLSearchParams(s), AGREEMENT_LIST), true);

  beforeAll(async () => {
    programme = await createProgramme(prisma, { countries: ["BY"], title: "Effective status programme" });
    const a = async (key: string, opts: Parameters<typeof createAgreementRecord>[2]) => {
      ids[key] = (await createAgreementRecord(prisma, programme.id, { title: `${key} ${programme.code}`, ...opts })).id;
    };
    await a("lapsed", { status: "ACTIVE", expiresOn: d(-10) });
    await a("lapsed long ago", { status: "SIGNED", expiresOn: d(-400) });
    await a("in force", { status: "ACTIVE", expiresOn: d(30) });
    await a("renewed", { status: "ACTIVE", expiresOn: d(-20) });
    await a("renewal", { type: "AMENDMENT", status: "SIGNED", expiresOn: d(200), parentId: ids.renewed });
    await a("archived renewal", { status: "ACTIVE", expiresOn: d(-30) });
    await a("ignored renewal", { type: "AMENDMENT", status: "ACTIVE", expiresOn: d(200), parentId: ids["archived renewal"], archived: true });
    await a("terminated", { status: "TERMINATED", expiresOn: d(-5) });
    await a("expiring but renewed", { status: "ACTIVE", expiresOn: d(20) });
    await a("long renewal", { type: "AMENDMENT", status: "ACTIVE", expiresOn: d(400), parentId: ids["expiring but renewed"] });
  });

  const titles = (rows: { id: string }[]) => Object.keys(ids).filter((k) => rows.some((r) => r.id === ids[k])).sort();

  it("shows the effective status in the list and filters by it", async () => {
    const all = await q(`programme=${programme.id}`);
    const status = Object.fromEntries(all.rows.map((r) => [Object.keys(ids).find((k) => ids[k] === r.id), r.status]));
    expect(status).toEqual({
      lapsed: "EXPIRED",
      "lapsed long ago": "EXPIRED",
      "in force": "ACTIVE",
      renewed: "ACTIVE",
      renewal: "SIGNED",
      "archived renewal": "EXPIRED",
      terminated: "TERMINATED",
      "expiring but renewed": "ACTIVE",
      "long renewal": "ACTIVE",
    });
    expect(titles((await q(`programme=${programme.id}&status=EXPIRED`)).rows)).toEqual(["archived renewal", "lapsed", "lapsed long ago"]);
    expect(titles((await q(`programme=${programme.id}&status=ACTIVE`)).rows)).toEqual(["expiring but renewed", "in force", "long renewal", "renewed"]);
    // A renewal beyond the window takes the agreement out of "expiring".
    expect(titles((await q(`programme=${programme.id}&expiring=90`)).rows)).toEqual(["in force"]);
    expect(titles((await q(`programme=${programme.id}&expired=90`)).rows)).toEqual(["archived renewal", "lapsed"]);
  });

  it("shows it on the agreement page, keeping the stored status for the form", async () => {
    const a = await getAgreement({ kind: "staff" }, ids.lapsed!);
    expect(a).toMatchObject({ status: "ACTIVE", effectiveStatus: "EXPIRED", expiredOn: d(-10) });
    expect(await getAgreement({ kind: "staff" }, ids.renewed!)).toMatchObject({ effectiveStatus: "ACTIVE", expiredOn: null });
  });

  it("shows it on the programme page, the portal and the report", async () => {
    const sections = await programmeSections({ kind: "staff" }, programme.id, 50);
    expect(sections.agreements.find((a) => a.id === ids.lapsed)?.status).toBe("EXPIRED");
    const portal = await getPortalProgramme({ kind: "partner", countries: ["BY"] }, programme.code);
    expect(portal?.agreements.find((a) => a.id === ids.lapsed)?.status).toBe("EXPIRED");
    expect(portal?.agreements.find((a) => a.id === ids.renewed)?.status).toBe("ACTIVE");
    const report = await buildProgrammeReport({ kind: "staff" }, programme.code, { from: d(-1000), to: d(1000) });
    const row = report?.agreements.find((a) => a.title.startsWith("lapsed "));
    expect(row?.status).toBe("Expired");
  });

  it("lists recently expired agreements on the dashboard, as many as the filtered list holds", async () => {
    const a = await needsAttention({ kind: "staff" }, new Date(), 1000);
    const list = await q("expired=90");
    expect(a.expired.count).toBe(list.total);
    expect(a.expired.items.map((x) => x.id).sort()).toEqual(list.rows.map((r) => r.id).sort());
    expect(titles(a.expired.items)).toEqual(["archived renewal", "lapsed"]);
    expect(a.expired.items.find((x) => x.id === ids.lapsed)?.expiredOn).toEqual(d(-10));
    expect(a.links.expired).toBe("/agreements?expired=90");
    const expiring = await q("expiring=90");
    expect(a.expiring.count).toBe(expiring.total);
    expect(a.expiring.items.map((x) => x.id)).not.toContain(ids["expiring but renewed"]);
  });
});
