import { beforeAll, describe, expect, it } from "vitest";
import { createActivity, getActivity, updateActivity } from "~/models/activity.server";
import { ctxFor } from "~/models/ctx.server";
import { createFundingLine, getFundingLine, updateFundingLine } from "~/models/funding.server";
import { listHistory } from "~/models/history.server";
import { programmesMissingCountryShares } from "~/models/iati-fields.server";
import { createProgramme, getProgrammeRecord, programmeFormDefaults, updateProgramme } from "~/models/programme-admin.server";
import { ActivityFormSchema } from "~/schemas/activity";
import { FundingFormSchema } from "~/schemas/funding";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme as makeProgramme, createUser, ensureCountries, uid } from "../factories";
import { programmeValues } from "../factories/programme-admin";

// Saving what IATI publication needs (issue 17): a programme's IATI defaults
// and country shares, a funding line's traceability and planned
// disbursements, an activity's coordinates. Each saved, read back, audited.

const staff = { kind: "staff" } as const;
const actor = { id: "", email: "" };
let programme: { id: string; code: string };
let funder: { id: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  Object.assign(actor, { id: user.id, email: user.email });
  await ensureCountries(prisma, ["BY", "KZ", "UZ", "KR"]);
  programme = await makeProgramme(prisma, { countries: ["KR"] });
  funder = await createOrganisation(prisma, { shortName: `MOFA-${uid()}` });
});

describe("a programme's IATI classifications and country shares", () => {
  it("are saved on create, shown back in the form, and changed on update with the history naming them", async () => {
    const data = ProgrammeFormSchema.parse(
      programmeValues({
        iatiAidType: "E01",
        iatiFlowType: "10",
        iatiFinanceType: "110",
        iatiTiedStatus: "3",
        iatiCollaborationType: "8",
        countries: [
          { countryCode: "KZ", percentage: "50" },
          { countryCode: "UZ", percentage: "30" },
          { countryCode: "BY", percentage: "20" },
        ],
      }),
    );
    const created = await createProgramme(ctxFor(actor), data);
    const record = (await getProgrammeRecord(staff, data.code))!;
    expect([record.iatiAidType, record.iatiTiedStatus, record.iatiCollaborationType]).toEqual(["E01", "3", "8"]);
    expect(record.countries.map((c) => `${c.countryCode} ${c.percentage?.toString()}`).sort()).toEqual(["BY 20", "KZ 50", "UZ 30"]);
    const defaults = programmeFormDefaults(record);
    expect(defaults).toMatchObject({ iatiAidType: "E01", iatiTiedStatus: "3", iatiCollaborationType: "8" });

    const next = ProgrammeFormSchema.parse({ ...defaults, iatiAidType: "D02", iatiTiedStatus: "5" });
    await updateProgramme(ctxFor(actor), created.id, 1, next);
    const after = await prisma.programme.findUniqueOrThrow({ where: { id: created.id } });
    expect([after.iatiAidType, after.iatiTiedStatus, after.iatiCollaborationType]).toEqual(["D02", "5", "8"]);
    const [update] = await listHistory("Programme", created.id);
    expect(update.changes).toMatchObject({ iatiAidType: { before: "E01", after: "D02" }, iatiTiedStatus: { before: "3", after: "5" } });
    expect(update.changes).not.toHaveProperty("iatiCollaborationType");
  });

  it("start with the technical-cooperation defaults when the form does not say", async () => {
    const created = await createProgramme(ctxFor(actor), ProgrammeFormSchema.parse(programmeValues()));
    const row = await prisma.programme.findUniqueOrThrow({ where: { id: created.id } });
    expect([row.iatiAidType, row.iatiFlowType, row.iatiFinanceType, row.iatiTiedStatus, row.iatiCollaborationType]).toEqual(["D02", "10", "110", "5", "1"]);
  });

  it("an existing programme with several countries and no shares is asked for them when it is saved", async () => {
    const old = await makeProgramme(prisma, { countries: ["KZ", "UZ"] });
    const defaults = programmeFormDefaults((await getProgrammeRecord(staff, old.code))!);
    const parsed = ProgrammeFormSchema.safeParse(defaults);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["countries.0.percentage", "countries.1.percentage"]);
  });

  it("missing shares are listed for the readiness page: several countries, one or more without a share, not archived", async () => {
    const missing = await makeProgramme(prisma, { countries: ["KZ", "UZ"] });
    const single = await makeProgramme(prisma, { countries: ["BY"] });
    const archived = await makeProgramme(prisma, { countries: ["KZ", "UZ"], archived: true });
    const complete = await makeProgramme(prisma, { countries: [] });
    await prisma.programmeCountry.createMany({
      data: [
        { programmeId: complete.id, countryCode: "KZ", percentage: "60" },
        { programmeId: complete.id, countryCode: "UZ", percentage: "40" },
      ],
    });
    const listed = await programmesMissingCountryShares();
    expect(listed.find((p) => p.id === missing.id)).toEqual({ id: missing.id, code: missing.code, title: missing.title, countries: ["KZ", "UZ"] });
    expect(listed.map((p) => p.id)).not.toContain(single.id);
    expect(listed.map((p) => p.id)).not.toContain(archived.id);
    expect(listed.map((p) => p.id)).not.toContain(complete.id);
  });
});

describe("a funding line's traceability and planned disbursements", () => {
  const line = (overrides: Record<string, unknown>) =>
    FundingFormSchema.parse({
      programmeId: programme.id,
      kind: "INCOMING_FUNDS",
      providerOrgId: funder.id,
      transactionDate: "2024-03-15",
      valueDate: "2024-03-15",
      amount: "500000",
      currency: "USD",
      ...overrides,
    });

  it("keeps the funder's IATI activity on an incoming line, audited, and clears it on update", async () => {
    const created = await createFundingLine(ctxFor(actor), line({ providerActivityId: "XM-DAC-701-8-123456" }));
    expect((await getFundingLine(staff, created.id))?.providerActivityId).toBe("XM-DAC-701-8-123456");
    expect((await listHistory("FundingLine", created.id))[0].changes).toMatchObject({ providerActivityId: "XM-DAC-701-8-123456" });
    await updateFundingLine(ctxFor(actor), created.id, 1, line({ providerActivityId: "" }));
    expect((await getFundingLine(staff, created.id))?.providerActivityId).toBeNull();
  });

  it("keeps the receiver's IATI activity on a disbursement", async () => {
    const created = await createFundingLine(ctxFor(actor), line({ kind: "DISBURSEMENT", receiverActivityId: "KZ-BIN-123-HEALTH" }));
    const saved = await getFundingLine(staff, created.id);
    expect([saved?.providerActivityId, saved?.receiverActivityId]).toEqual([null, "KZ-BIN-123-HEALTH"]);
  });

  it("saves a planned disbursement with its period and no transaction date", async () => {
    const created = await createFundingLine(
      ctxFor(actor),
      line({ kind: "PLANNED_DISBURSEMENT", transactionDate: "", periodStart: "2025-01-01", periodEnd: "2025-06-30", valueDate: "2025-01-01" }),
    );
    const saved = await getFundingLine(staff, created.id);
    expect(saved).toMatchObject({ kind: "PLANNED_DISBURSEMENT", transactionDate: null });
    expect([saved?.periodStart?.toISOString().slice(0, 10), saved?.periodEnd?.toISOString().slice(0, 10)]).toEqual(["2025-01-01", "2025-06-30"]);
  });
});

describe("an activity's coordinates", () => {
  const activity = (overrides: Record<string, unknown>) =>
    ActivityFormSchema.parse({
      programmeId: programme.id,
      kind: "HIGH_LEVEL_MEETING",
      title: "Designation ceremony",
      countryCode: "KR",
      city: "Wonju",
      status: "COMPLETED",
      datePrecision: "DAY",
      organisations: [],
      participantGroups: [],
      ...overrides,
    });

  it("are saved exactly, shown back, and cleared together", async () => {
    const created = await createActivity(ctxFor(actor), activity({ latitude: "37.3422", longitude: "127.9202" }));
    const saved = await getActivity(staff, created.id);
    expect([saved?.latitude?.toString(), saved?.longitude?.toString()]).toEqual(["37.3422", "127.9202"]);
    await updateActivity(ctxFor(actor), created.id, 1, activity({ latitude: "-33.868820", longitude: "151.209296" }));
    const moved = await getActivity(staff, created.id);
    expect([moved?.latitude?.toString(), moved?.longitude?.toString()]).toEqual(["-33.86882", "151.209296"]);
    const [update] = await listHistory("Activity", created.id);
    expect(update.changes).toMatchObject({ latitude: { before: "37.3422", after: "-33.86882" } });
    await updateActivity(ctxFor(actor), created.id, 2, activity({}));
    const cleared = await getActivity(staff, created.id);
    expect([cleared?.latitude, cleared?.longitude]).toEqual([null, null]);
  });
});
