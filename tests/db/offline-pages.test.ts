import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { programmeOfflinePages } from "~/models/offline.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";
import { createActivity } from "../factories/activity";
import { createMultiCountryProgramme, type MultiCountryProgramme } from "../factories/multi-country";

// Issue 20: the pages "Keep for offline use" fetches for a programme, by the
// scope's rules (app/models/offline.server.ts).

const STAFF: Scope = { kind: "staff" };
const BY: Scope = { kind: "partner", countries: ["BY"] };
const KZ: Scope = { kind: "partner", countries: ["KZ"] };
const UZ: Scope = { kind: "partner", countries: ["UZ"] };

let mc: MultiCountryProgramme;
let archivedActivity: { id: string };

beforeAll(async () => {
  mc = await createMultiCountryProgramme(prisma);
  archivedActivity = await createActivity(prisma, { programmeId: mc.programme.id, title: "Archived activity" });
  await prisma.activity.update({ where: { id: archivedActivity.id }, data: { archivedAt: new Date() } });
});

describe("programmeOfflinePages", () => {
  it("gives staff the programme, the new-activity form, and each live activity's and deliverable's page and form", async () => {
    const pages = await programmeOfflinePages(STAFF, true, mc.programme.code, "en");
    expect(pages).not.toBeNull();
    expect(pages!.page).toBe(`/programmes/${mc.programme.code}`);
    expect(pages!.urls[0]).toBe(pages!.page);
    expect(pages!.urls).toContain(`/activities/new?programme=${mc.programme.id}`);
    expect(pages!.urls).toContain(`/documents/new?programme=${mc.programme.id}`);
    for (const side of [mc.by, mc.kz, mc.shared]) {
      expect(pages!.urls).toEqual(expect.arrayContaining([`/activities/${side.activity}`, `/activities/${side.activity}/edit`, `/deliverables/${side.deliverable}`, `/deliverables/${side.deliverable}/edit`]));
    }
    expect(pages!.urls.some((url) => url.includes(archivedActivity.id))).toBe(false);
    expect(new Set(pages!.urls).size).toBe(pages!.urls.length);
  });

  it("gives a partner the progress page and the update pages of its country's and shared deliverables only", async () => {
    const by = await programmeOfflinePages(BY, false, mc.programme.code, "en");
    expect(by!.page).toBe(`/portal/programmes/${mc.programme.code}`);
    expect([...by!.urls].sort()).toEqual([by!.page, `/portal/deliverables/${mc.by.deliverable}`, `/portal/deliverables/${mc.shared.deliverable}`].sort());
    const kz = await programmeOfflinePages(KZ, false, mc.programme.code, "en");
    expect(kz!.urls).toContain(`/portal/deliverables/${mc.kz.deliverable}`);
    expect(kz!.urls).not.toContain(`/portal/deliverables/${mc.by.deliverable}`);
  });

  it("gives a donor of the programme its page only, and nobody a programme outside the scope", async () => {
    const donor = await programmeOfflinePages({ kind: "donor", organisationIds: [mc.fund.id] }, false, mc.programme.code, "en");
    expect(donor!.urls).toEqual([`/programmes/${mc.programme.code}`]);
    const otherFund = await createOrganisation(prisma, { shortName: "Other fund" });
    expect(await programmeOfflinePages({ kind: "donor", organisationIds: [otherFund.id] }, false, mc.programme.code, "en")).toBeNull();
    expect(await programmeOfflinePages(UZ, false, mc.programme.code, "en")).toBeNull();
    expect(await programmeOfflinePages(STAFF, true, "NO-SUCH-CODE", "en")).toBeNull();
  });

  it("keeps an archived programme for staff only", async () => {
    const archived = await createProgramme(prisma, { countries: ["BY"], archived: true });
    expect((await programmeOfflinePages(STAFF, true, archived.code!, "en"))?.page).toBe(`/programmes/${archived.code}`);
    expect(await programmeOfflinePages(BY, false, archived.code!, "en")).toBeNull();
  });
});
