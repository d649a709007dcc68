import { beforeAll, describe, expect, it } from "vitest";
import { programmeCounts, programmeSections, SECTION_LIMIT } from "~/models/programme.server";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";

// A programme bigger than one page section: the page shows the first
// SECTION_LIMIT records of each and counts all of them in the database.
const now = new Date("2031-03-15T10:00:00Z");
let programmeId: string;
let other: string;

beforeAll(async () => {
  programmeId = (await createProgramme(prisma, { countries: ["BY"], title: "Large programme" })).id;
  other = (await createProgramme(prisma, { countries: ["KZ"], title: "Another programme" })).id;
  const pad = (n: number) => String(n).padStart(2, "0");
  // 25 live activities over 25 months, with participants; 2 archived.
  const activities = [];
  for (let i = 0; i < 25; i++) {
    const a = await createActivityRecord(prisma, programmeId, { title: `Activity ${pad(i)}`, plannedStart: `20${pad(10 + Math.floor(i / 12))}-${pad((i % 12) + 1)}-10` });
    await prisma.activity.update({ where: { id: a.id }, data: { participantsTotal: 10, status: "COMPLETED" } });
    activities.push(a);
  }
  await createActivityRecord(prisma, programmeId, { title: "Undated activity" });
  const archivedActivity = await createActivityRecord(prisma, programmeId, { title: "Archived activity", plannedStart: "2030-01-01", archived: true });
  await createActivityRecord(prisma, other, { title: "Someone else's", plannedStart: "2030-01-01" });
  // 22 open deliverables (3 overdue), 5 accepted, 1 archived.
  for (let i = 0; i < 22; i++) await createDeliverableRecord(prisma, programmeId, { title: `Open ${pad(i)}`, dueDate: i < 3 ? `2031-03-0${i + 1}` : `2031-${pad(4 + Math.floor(i / 28))}-${pad(i + 1)}` });
  for (let i = 0; i < 5; i++) await createDeliverableRecord(prisma, programmeId, { title: `Accepted ${i}`, dueDate: "2030-01-01", status: "ACCEPTED" });
  await createDeliverableRecord(prisma, programmeId, { title: "Archived, overdue", dueDate: "2030-01-01", archived: true });
  // Outcomes: 4 on live activities (2 followed up), 1 archived, 1 on the archived activity.
  await createOutcomeRecord(prisma, activities[0].id, { text: "not started" });
  await createOutcomeRecord(prisma, activities[1].id, { text: "in progress", followUpStatus: "IN_PROGRESS" });
  const carrier = await createDeliverableRecord(prisma, other, { title: "Carrier" });
  await createOutcomeRecord(prisma, activities[24].id, { text: "carried by a deliverable", deliverableId: carrier.id });
  await createOutcomeRecord(prisma, activities[24].id, { text: "also not started" });
  await createOutcomeRecord(prisma, activities[2].id, { text: "archived", archived: true });
  await createOutcomeRecord(prisma, archivedActivity.id, { text: "on an archived activity" });
  for (let i = 0; i < 21; i++) await createAgreementRecord(prisma, programmeId, { title: `Agreement ${pad(i)}` });
});

describe("programme page figures", () => {
  it("counts every live record of the programme, whatever the page shows", async () => {
    expect(await programmeCounts({ kind: "staff" }, programmeId, now)).toEqual({
      agreements: 21,
      activities: 26,
      participants: 250,
      deliverables: 27,
      deliverablesOpen: 22,
      deliverablesOverdue: 3,
      // Staff also count the outcome recorded at the archived activity.
      outcomes: 5,
      outcomesFollowedUp: 2,
    });
  });

  it("leaves the outcomes of archived activities out for partners and donors", async () => {
    const partner = await programmeCounts({ kind: "partner", countries: ["BY"] }, programmeId, now);
    expect([partner.outcomes, partner.outcomesFollowedUp]).toEqual([4, 2]);
  });

  it("shows the first records of each section: open deliverables first, the latest activities in timeline order", async () => {
    const s = await programmeSections({ kind: "staff" }, programmeId);
    expect(s.agreements).toHaveLength(SECTION_LIMIT);
    expect(s.deliverables).toHaveLength(SECTION_LIMIT);
    expect(s.deliverables.every((d) => d.status === "NOT_STARTED")).toBe(true);
    expect(s.deliverables[0].title).toBe("Open 00");
    expect(s.activities).toHaveLength(SECTION_LIMIT);
    const titles = s.activities.map((a) => a.title);
    // The 20 latest dated activities (05..24), oldest first; the undated one is not among the latest.
    expect(titles[0]).toBe("Activity 05");
    expect(titles[SECTION_LIMIT - 1]).toBe("Activity 24");
    expect(titles).not.toContain("Archived activity");
    // Outcomes of the latest activities first (for staff, that is the archived activity of 2030).
    expect(s.outcomes.map((o) => o.text)[0]).toBe("on an archived activity");
    expect(s.outcomes.map((o) => o.text).slice(1, 3).sort()).toEqual(["also not started", "carried by a deliverable"]);
    expect((await programmeSections({ kind: "partner", countries: ["BY"] }, programmeId)).outcomes.map((o) => o.text)).not.toContain("on an archived activity");
  });

  it("fills a short deliverables section with the latest closed ones after the open ones", async () => {
    const s = await programmeSections({ kind: "staff" }, programmeId, 24);
    expect(s.deliverables.slice(22).map((d) => d.status)).toEqual(["ACCEPTED", "ACCEPTED"]);
  });
});
