import { beforeAll, describe, expect, it } from "vitest";
import * as archiveRoute from "~/routes/api.v1.agreements.$id.archive";
import * as oneRoute from "~/routes/api.v1.agreements.$id";
import * as listRoute from "~/routes/api.v1.agreements";
import { AgreementFormSchema } from "~/schemas/agreement";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";
import { createAgreement } from "../factories/deliverable";
import { apiCaller } from "../support/api-call";
import { apiIdentities, expectArchivedOnlyByWriter, expectAuditedWithToken, russianFormMessages, type ApiIdentities } from "../support/api-identities";

// Issue 19, point 5 (helper APIB): the JSON API's agreements, called through
// the route modules as the server calls them (as api-activities.test.ts):
// scope through partners' and donors' tokens, read-only tokens, 409 with the
// current record, problem+json with the agreement form's own field messages
// in Russian, writes audited as the token's owner with the token named.

const call = apiCaller("http://concord.test/api/v1/agreements");

let who: ApiIdentities;
let byProgramme: { id: string };
let by: { id: string };
let kz: { id: string };
let party: { id: string };
const tag = `ApiAgr${Date.now().toString(36)}`;

beforeAll(async () => {
  who = await apiIdentities();
  byProgramme = await createProgramme(prisma, { countries: ["BY"], funders: [who.fund.id], title: `${tag} Belarus programme` });
  const kzProgramme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} Kazakhstan programme` });
  by = await createAgreement(prisma, { programmeId: byProgramme.id, title: `${tag} Minsk MoU` });
  kz = await createAgreement(prisma, { programmeId: kzProgramme.id, title: `${tag} Astana MoU` });
  party = await createOrganisation(prisma, { countryCode: "BY" });
});

describe("/api/v1/agreements", () => {
  it("refuses a call without a valid token (401 problem+json) and a session cookie for writes", async () => {
    const none = await call(listRoute, {});
    expect(none.status).toBe(401);
    expect(none.type).toContain("application/problem+json");
    expect((await call(listRoute, { method: "POST", body: { title: "x" }, headers: { cookie: "auth_session=whatever" } })).status).toBe(401);
  });

  it("a partner's token sees what the partner sees: a Kazakhstan agreement is 404 to a Belarus token", async () => {
    const list = await call(listRoute, { token: who.partnerToken, path: `?q=${tag}` });
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([by.id]);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: kz.id })).status).toBe(404);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: by.id })).body).toMatchObject({ id: by.id, title: `${tag} Minsk MoU`, type: "MOU", status: "SIGNED", signedOn: "2024-05-02" });
    // Partners read, never write.
    expect((await call(oneRoute, { token: who.partnerToken, method: "PATCH", body: { version: 1, title: "Mine" } }, { id: by.id })).status).toBe(403);
  });

  it("a donor's token sees the agreements of the programmes its organisation funds, nothing else", async () => {
    const list = await call(listRoute, { token: who.donorToken, path: `?q=${tag}` });
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([by.id]);
    expect((await call(oneRoute, { token: who.donorToken }, { id: kz.id })).status).toBe(404);
    expect((await call(oneRoute, { token: who.donorToken }, { id: by.id })).status).toBe(200);
  });

  it("lists with the page's filters, sorting and pages for staff", async () => {
    const sorted = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&sort=title&dir=desc` });
    expect(sorted.body.data.map((r: { id: string }) => r.id)).toEqual([by.id, kz.id]);
    const filtered = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&country=KZ` });
    expect(filtered.body).toMatchObject({ total: 1, page: 1, perPage: 25, data: [{ id: kz.id, type: "MOU" }] });
  });

  it("creates with the form's schema, audited as the token's owner with the token named", async () => {
    const created = await call(listRoute, {
      token: who.staffToken,
      method: "POST",
      body: {
        programmeId: byProgramme.id, type: "CONTRACT", title: `${tag} made through the API`, status: "SIGNED", signedOn: "2027-03-01",
        signedPrecision: "DAY", expiresOn: "2028-03-01", value: 25000.5, currency: "USD", parties: [{ organisationId: party.id, role: "SIGNATORY" }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/agreements/${created.body.id}`);
    expect(created.body).toMatchObject({ title: `${tag} made through the API`, version: 1, value: "25000.5", currency: "USD", archived: false, parties: [{ organisationId: party.id, role: "SIGNATORY" }] });
    await expectAuditedWithToken("Agreement", created.body.id, "create", who.staff.actor.id);
  });

  it("answers a stale version with 409 and the current record; fields not sent keep their values", async () => {
    const first = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, title: `${tag} Minsk MoU, renamed` } }, { id: by.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ title: `${tag} Minsk MoU, renamed`, version: 2, type: "MOU", signedOn: "2024-05-02" });
    const stale = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, title: "Renamed twice" } }, { id: by.id });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain("application/problem+json");
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: by.id, title: `${tag} Minsk MoU, renamed`, version: 2 } });
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: by.id } })).title).toBe(`${tag} Minsk MoU, renamed`);
    await expectAuditedWithToken("Agreement", by.id, "update");
    const missing = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { title: "No version" } }, { id: by.id });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.errors)).toEqual(["version"]);
  });

  it("refuses bad fields with the form's own messages in Russian, saving nothing", async () => {
    const body = { programmeId: "", type: "NOPE", title: "", status: "SIGNED", signedPrecision: "DAY", signedOn: "2026-05-01", expiresOn: "2026-01-01", value: 100 };
    const before = await prisma.agreement.count();
    const res = await call(listRoute, { token: who.staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const form = russianFormMessages(AgreementFormSchema, { ...body, value: "100" });
    expect(res.body.errors).toEqual(form);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["programmeId", "type", "title", "expiresOn", "currency"]));
    expect(res.body.errors.title).toMatch(/[А-Яа-я]/);
    expect(await prisma.agreement.count()).toBe(before);
  });

  it("refuses writes through a read-only token (403) and archives through a writer", async () => {
    expect((await call(listRoute, { token: who.readOnlyToken, path: `?q=${tag}` })).status).toBe(200);
    const archived = await expectArchivedOnlyByWriter(call, archiveRoute, who, {
      id: kz.id,
      entityType: "Agreement",
      archived: async () => (await prisma.agreement.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt !== null,
    });
    const again = await call(archiveRoute, { token: who.staffToken, method: "POST" }, { id: kz.id });
    expect(again.body).toMatchObject({ archived: true, version: archived.body.version });
  });
});
