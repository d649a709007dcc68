import { beforeAll, describe, expect, it } from "vitest";
import * as archiveRoute from "~/routes/api.v1.funding.$id.archive";
import * as oneRoute from "~/routes/api.v1.funding.$id";
import * as listRoute from "~/routes/api.v1.funding";
import { FundingFormSchema } from "~/schemas/funding";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { createFundingLine } from "../factories/results";
import { apiCaller } from "../support/api-call";
import { apiIdentities, expectArchivedOnlyByWriter, expectAuditedWithToken, russianFormMessages, type ApiIdentities } from "../support/api-identities";

// Issue 19, point 5 (helper APIB): the JSON API's funding lines (transactions
// are funding lines of a transaction kind), called through the route modules:
// scope through partners' and donors' tokens, the page's filters and totals,
// read-only tokens, 409 with the current record, problem+json with the
// funding form's own field messages in Russian, writes audited with the token.

const call = apiCaller("http://concord.test/api/v1/funding");

let who: ApiIdentities;
let byProgramme: { id: string };
let by: { id: string };
let kz: { id: string };
const tag = `ApiFund${Date.now().toString(36)}`;

beforeAll(async () => {
  who = await apiIdentities();
  byProgramme = await createProgramme(prisma, { countries: ["BY"], funders: [who.fund.id], title: `${tag} Belarus programme` });
  const kzProgramme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} Kazakhstan programme` });
  by = await createFundingLine(prisma, { programmeId: byProgramme.id, kind: "DISBURSEMENT", amount: "1500.00", providerOrgId: who.fund.id, description: `${tag} Minsk disbursement` });
  kz = await createFundingLine(prisma, { programmeId: kzProgramme.id, kind: "COMMITMENT", amount: "900.00", currency: "EUR", description: `${tag} Astana commitment` });
});

describe("/api/v1/funding", () => {
  it("refuses a call without a valid token (401 problem+json)", async () => {
    const none = await call(listRoute, {});
    expect(none.status).toBe(401);
    expect(none.type).toContain("application/problem+json");
  });

  it("a partner's token sees what the partner sees: a Kazakhstan line is 404 to a Belarus token", async () => {
    const list = await call(listRoute, { token: who.partnerToken, path: `?q=${tag}` });
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([by.id]);
    expect(list.body.totals).toEqual([{ currency: "USD", kind: "DISBURSEMENT", lines: 1, amount: "1500.00" }]);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: kz.id })).status).toBe(404);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: by.id })).body).toMatchObject({ id: by.id, kind: "DISBURSEMENT", amount: "1500.00", transactionDate: "2024-03-15" });
    expect((await call(oneRoute, { token: who.partnerToken, method: "PATCH", body: { version: 1, amount: 1 } }, { id: by.id })).status).toBe(403);
  });

  it("a donor's token sees the lines of the programmes its organisation funds, nothing else", async () => {
    const list = await call(listRoute, { token: who.donorToken, path: `?q=${tag}` });
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([by.id]);
    expect((await call(oneRoute, { token: who.donorToken }, { id: kz.id })).status).toBe(404);
  });

  it("lists with the page's filters and sorting for staff: transactions by kind", async () => {
    const sorted = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&sort=amount&dir=asc` });
    expect(sorted.body.data.map((r: { id: string }) => r.id)).toEqual([kz.id, by.id]);
    const kind = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&kind=COMMITMENT` });
    expect(kind.body).toMatchObject({ total: 1, page: 1, perPage: 25, data: [{ id: kz.id, currency: "EUR" }] });
  });

  it("creates with the form's schema, audited as the token's owner with the token named", async () => {
    const created = await call(listRoute, {
      token: who.staffToken,
      method: "POST",
      body: { programmeId: byProgramme.id, kind: "EXPENDITURE", transactionDate: "2025-02-01", valueDate: "2025-02-01", amount: 1234.5, currency: "USD", description: `${tag} made through the API` },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/funding/${created.body.id}`);
    expect(created.body).toMatchObject({ kind: "EXPENDITURE", amount: "1234.50", version: 1, archived: false });
    await expectAuditedWithToken("FundingLine", created.body.id, "create", who.staff.actor.id);
  });

  it("answers a stale version with 409 and the current record", async () => {
    const first = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, amount: "1600" } }, { id: by.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ amount: "1600.00", version: 2, kind: "DISBURSEMENT", description: `${tag} Minsk disbursement` });
    const stale = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, amount: "1" } }, { id: by.id });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: by.id, amount: "1600.00", version: 2 } });
    await expectAuditedWithToken("FundingLine", by.id, "update");
  });

  it("refuses bad fields with the form's own messages in Russian, saving nothing", async () => {
    const body = { programmeId: byProgramme.id, kind: "BUDGET", valueDate: "2025-01-01", amount: -5, currency: "", periodStart: "2025-06-01", periodEnd: "2025-01-01" };
    const before = await prisma.fundingLine.count();
    const res = await call(listRoute, { token: who.staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const form = russianFormMessages(FundingFormSchema, { ...body, amount: "-5" });
    expect(res.body.errors).toEqual(form);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["amount", "currency", "periodEnd"]));
    expect(res.body.errors.amount).toMatch(/[А-Яа-я]/);
    expect(await prisma.fundingLine.count()).toBe(before);
  });

  it("refuses writes through a read-only token (403) and archives through a writer", async () => {
    await expectArchivedOnlyByWriter(call, archiveRoute, who, {
      id: kz.id,
      entityType: "FundingLine",
      archived: async () => (await prisma.fundingLine.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt !== null,
    });
  });
});
