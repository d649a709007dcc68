import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { acknowledge, addComment } from "~/models/acknowledgement.server";
import { createActivity, deleteActivity, setActivityArchived, updateActivity } from "~/models/activity.server";
import { createAgreement, deleteAgreement, setAgreementArchived, updateAgreement } from "~/models/agreement.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { createDeliverable, deleteDeliverable, setDeliverableArchived, updateDeliverable } from "~/models/deliverable.server";
import { deleteDocument, openDocumentForDownload, setDocumentArchived, updateDocument } from "~/models/document.server";
import { createFundingLine, deleteFundingLine, setFundingLineArchived, updateFundingLine } from "~/models/funding.server";
import { createIndicator, deleteIndicator, setIndicatorArchived, updateIndicator } from "~/models/indicator.server";
import { createOrganisation, deleteOrganisation, setOrganisationArchived, updateOrganisation } from "~/models/organisation-admin.server";
import { createOutcome, deleteOutcome, setOutcomeArchived, updateOutcome } from "~/models/outcome.server";
import { createProgramme, deleteProgramme, setProgrammeArchived, updateProgramme } from "~/models/programme-admin.server";
import { revokeInvitation, setUserActive, updateUserAccess } from "~/models/user-admin.server";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors.server";
import { createUser } from "../factories";
import { createAuthzPortfolios, freshRecord, recordState, type AuthzPortfolios, type RecordKind } from "../factories/authz";

// Model writes check the scope of their ctx themselves (issue 15, point 1):
// before, the writes of the workspace's records trusted the route to have
// called requireStaff, so a route that forgot would have let a partner or a
// donor archive, edit or delete. Each write here is called with a partner's
// or a donor's ctx whose scope covers the record (they can see it), and must
// refuse with "forbidden" and change nothing.

// Any form: the refusal comes before the form is read.
const FORM = {} as never;

type Writes = {
  create?: (ctx: Ctx) => Promise<unknown>;
  update: (ctx: Ctx, id: string) => Promise<unknown>;
  archive: (ctx: Ctx, id: string) => Promise<unknown>;
  remove: (ctx: Ctx, id: string) => Promise<unknown>;
};

const WRITES: Partial<Record<RecordKind, Writes>> = {
  programme: {
    create: (ctx) => createProgramme(ctx, FORM),
    update: (ctx, id) => updateProgramme(ctx, id, 1, FORM),
    archive: (ctx, id) => setProgrammeArchived(ctx, id, true),
    remove: (ctx, id) => deleteProgramme(ctx, id),
  },
  agreement: {
    create: (ctx) => createAgreement(ctx, FORM),
    update: (ctx, id) => updateAgreement(ctx, id, 1, FORM),
    archive: (ctx, id) => setAgreementArchived(ctx, id, true),
    remove: (ctx, id) => deleteAgreement(ctx, id),
  },
  activity: {
    create: (ctx) => createActivity(ctx, FORM),
    update: (ctx, id) => updateActivity(ctx, id, 1, FORM),
    archive: (ctx, id) => setActivityArchived(ctx, id, true),
    remove: (ctx, id) => deleteActivity(ctx, id),
  },
  deliverable: {
    create: (ctx) => createDeliverable(ctx, FORM),
    update: (ctx, id) => updateDeliverable(ctx, id, 1, FORM),
    archive: (ctx, id) => setDeliverableArchived(ctx, id, true),
    remove: (ctx, id) => deleteDeliverable(ctx, id),
  },
  outcome: {
    create: (ctx) => createOutcome(ctx, FORM),
    update: (ctx, id) => updateOutcome(ctx, id, 1, FORM),
    archive: (ctx, id) => setOutcomeArchived(ctx, id, true),
    remove: (ctx, id) => deleteOutcome(ctx, id),
  },
  indicator: {
    create: (ctx) => createIndicator(ctx, FORM),
    update: (ctx, id) => updateIndicator(ctx, id, 1, FORM),
    archive: (ctx, id) => setIndicatorArchived(ctx, id, true),
    remove: (ctx, id) => deleteIndicator(ctx, id),
  },
  funding: {
    create: (ctx) => createFundingLine(ctx, FORM),
    update: (ctx, id) => updateFundingLine(ctx, id, 1, FORM),
    archive: (ctx, id) => setFundingLineArchived(ctx, id, true),
    remove: (ctx, id) => deleteFundingLine(ctx, id),
  },
  document: {
    update: (ctx, id) => updateDocument(ctx, id, 1, FORM),
    archive: (ctx, id) => setDocumentArchived(ctx, id, true),
    remove: (ctx, id) => deleteDocument(ctx, id),
  },
  organisation: {
    create: (ctx) => createOrganisation(ctx, FORM),
    update: (ctx, id) => updateOrganisation(ctx, id, 1, FORM),
    archive: (ctx, id) => setOrganisationArchived(ctx, id, true),
    remove: (ctx, id) => deleteOrganisation(ctx, id),
  },
};

async function refusal(write: Promise<unknown>): Promise<string> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

let portfolios: AuthzPortfolios;
let partner: Ctx;
let donor: Ctx;
let staff: Ctx;
let nonAdminStaff: Ctx;

beforeAll(async () => {
  portfolios = await createAuthzPortfolios(prisma);
  const partnerUser = (await createUser(prisma, { role: "PARTNER", countries: ["BY"] })).user;
  const donorUser = (await createUser(prisma, { role: "DONOR", organisationIds: [portfolios.fundA.id] })).user;
  const staffUser = (await createUser(prisma, { role: "STAFF" })).user;
  const adminUser = (await createUser(prisma, { role: "ADMIN" })).user;
  const by: Scope = { kind: "partner", countries: ["BY"] };
  const fundA: Scope = { kind: "donor", organisationIds: [portfolios.fundA.id] };
  partner = ctxFor(partnerUser, by, { ip: "192.0.2.1" });
  donor = ctxFor(donorUser, fundA, { ip: "192.0.2.2" });
  staff = ctxFor({ ...adminUser, role: "ADMIN" }, { kind: "staff" }, { ip: "192.0.2.3", userAgent: "ctx-scope test", requestId: "req-ctx-scope-1" });
  nonAdminStaff = ctxFor({ ...staffUser, role: "STAFF" }, { kind: "staff" });
}, 120_000);

describe("workspace writes refuse a partner's or a donor's ctx (403), and change nothing", () => {
  for (const [kind, writes] of Object.entries(WRITES) as [RecordKind, Writes][]) {
    it(kind, async () => {
      for (const ctx of [partner, donor]) {
        // A record the partner (BY) and the donor (fund A) can both see.
        const { id } = await freshRecord(prisma, portfolios, kind, "BY");
        const before = await recordState(prisma, kind, id);
        if (writes.create) expect(await refusal(writes.create(ctx))).toBe("forbidden");
        expect(await refusal(writes.update(ctx, id))).toBe("forbidden");
        expect(await refusal(writes.archive(ctx, id))).toBe("forbidden");
        expect(await refusal(writes.remove(ctx, id))).toBe("forbidden");
        expect(await recordState(prisma, kind, id)).toBe(before);
        expect(await prisma.auditEvent.count({ where: { actorId: ctx.actor.id } })).toBe(0);
      }
    });
  }
});

describe("the same writes with a staff ctx", () => {
  it("go through, and the audit event records the ctx's address, user agent and request id", async () => {
    const { id } = await freshRecord(prisma, portfolios, "agreement", "BY");
    await setAgreementArchived(staff, id, true);
    expect(await recordState(prisma, "agreement", id)).toContain("archivedAt");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Agreement", entityId: id, action: "archive" } });
    expect(event).toMatchObject({ actorId: staff.actor.id, ip: "192.0.2.3", userAgent: "ctx-scope test", requestId: "req-ctx-scope-1" });
    // A record that is not there is "not found", not a Response.
    expect(await refusal(setAgreementArchived(staff, "no-such-agreement", true))).toBe("not_found");
  });
});

describe("user administration refuses anyone but an administrator", () => {
  it("staff, partners and donors get 403 and nothing changes", async () => {
    const { id: userId } = await freshRecord(prisma, portfolios, "user", "BY");
    const { id: invitationId } = await freshRecord(prisma, portfolios, "invitation", "BY");
    const userBefore = await recordState(prisma, "user", userId);
    const invitationBefore = await recordState(prisma, "invitation", invitationId);
    for (const ctx of [nonAdminStaff, partner, donor]) {
      expect(await refusal(updateUserAccess(ctx, userId, 1, { role: "STAFF", countries: [], organisationIds: [] }))).toBe("forbidden");
      expect(await refusal(setUserActive(ctx, userId, false))).toBe("forbidden");
      expect(await refusal(revokeInvitation(ctx, invitationId))).toBe("forbidden");
    }
    expect(await recordState(prisma, "user", userId)).toBe(userBefore);
    expect(await recordState(prisma, "invitation", invitationId)).toBe(invitationBefore);
  });
});

describe("partner writes refuse other scopes", () => {
  it("acknowledging and commenting are refused to staff and donors (403); a foreign record is not found (404)", async () => {
    const { id } = await freshRecord(prisma, portfolios, "deliverable", "BY");
    const before = await recordState(prisma, "deliverable", id);
    const target = { kind: "Deliverable" as const, id };
    for (const ctx of [staff, donor]) {
      expect(await refusal(acknowledge(ctx, target))).toBe("forbidden");
      expect(await refusal(addComment(ctx, target, { body: "Not mine to say" }))).toBe("forbidden");
    }
    const foreign = await freshRecord(prisma, portfolios, "deliverable", "KZ");
    expect(await refusal(acknowledge(partner, { kind: "Deliverable", id: foreign.id }))).toBe("not_found");
    expect(await recordState(prisma, "deliverable", id)).toBe(before);
  });

  it("a download goes through the ctx's scope", async () => {
    const { id } = await freshRecord(prisma, portfolios, "document", "KZ");
    expect(await openDocumentForDownload(partner, id)).toBeNull();
  });
});
