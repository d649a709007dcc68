import { beforeAll, describe, expect, it } from "vitest";
import * as archiveRoute from "~/routes/api.v1.organisations.$id.archive";
import * as oneRoute from "~/routes/api.v1.organisations.$id";
import * as listRoute from "~/routes/api.v1.organisations";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { prisma } from "~/utils/db.server";
import { createOrganisation } from "../factories";
import { apiCaller } from "../support/api-call";
import { apiIdentities, expectArchivedOnlyByWriter, expectAuditedWithToken, russianFormMessages, type ApiIdentities } from "../support/api-identities";

// Issue 19, point 5 (helper APIB): the JSON API's organisations. They are
// reference data that only staff list and edit (the pages require staff), so
// partners' and donors' tokens are refused (403) rather than given the whole
// register; staff get the page's query, 409 with the current record, the
// form's own messages in Russian (the duplicate short name too), audit with
// the token named.

const call = apiCaller("http://concord.test/api/v1/organisations");

let who: ApiIdentities;
let by: { id: string; shortName: string };
let kz: { id: string; shortName: string };
const tag = `ApiOrg${Date.now().toString(36)}`;

beforeAll(async () => {
  who = await apiIdentities();
  by = await createOrganisation(prisma, { shortName: `${tag}-BY`, countryCode: "BY" });
  kz = await createOrganisation(prisma, { shortName: `${tag}-KZ`, countryCode: "KZ" });
});

describe("/api/v1/organisations", () => {
  it("refuses a call without a valid token (401 problem+json)", async () => {
    const none = await call(listRoute, {});
    expect(none.status).toBe(401);
    expect(none.type).toContain("application/problem+json");
  });

  it("is for staff: partners' and donors' tokens are refused (403), even for a Belarus organisation or their own", async () => {
    for (const token of [who.partnerToken, who.donorToken]) {
      const list = await call(listRoute, { token, path: `?q=${tag}` });
      expect(list.status).toBe(403);
      expect(list.type).toContain("application/problem+json");
      expect(JSON.stringify(list.body)).not.toContain(tag);
      expect((await call(oneRoute, { token }, { id: by.id })).status).toBe(403);
      expect((await call(oneRoute, { token }, { id: kz.id })).status).toBe(403);
      expect((await call(oneRoute, { token }, { id: who.fund.id })).status).toBe(403);
    }
  });

  it("lists with the page's filters and sorting for staff; an unknown id is 404", async () => {
    const sorted = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&sort=shortName&dir=desc` });
    expect(sorted.body.data.map((r: { id: string }) => r.id)).toEqual([kz.id, by.id]);
    const filtered = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&country=KZ` });
    expect(filtered.body).toMatchObject({ total: 1, page: 1, perPage: 25, data: [{ id: kz.id, countryCode: "KZ", iatiTypeCode: "10" }] });
    expect((await call(oneRoute, { token: who.staffToken }, { id: "no-such-organisation" })).status).toBe(404);
  });

  it("creates with the form's schema, audited as the token's owner with the token named", async () => {
    const created = await call(listRoute, {
      token: who.staffToken,
      method: "POST",
      body: { shortName: `${tag}-NEW`, fullName: "Made through the API", countryCode: "BY", iatiTypeCode: "10", translations: { ru: { fullName: "Создана через API" } } },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/organisations/${created.body.id}`);
    expect(created.body).toMatchObject({ shortName: `${tag}-NEW`, countryCode: "BY", version: 1, archived: false });
    await expectAuditedWithToken("Organisation", created.body.id, "create", who.staff.actor.id);
  });

  it("answers a stale version with 409 and the current record", async () => {
    const first = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, fullName: "Renamed" } }, { id: by.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ fullName: "Renamed", shortName: `${tag}-BY`, countryCode: "BY", version: 2 });
    const stale = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, fullName: "Renamed twice" } }, { id: by.id });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: by.id, fullName: "Renamed", version: 2 } });
    await expectAuditedWithToken("Organisation", by.id, "update");
  });

  it("refuses bad fields with the form's own messages in Russian, and a duplicate short name as the form says it", async () => {
    const body = { shortName: "", fullName: "", iatiTypeCode: "999" };
    const before = await prisma.organisation.count();
    const res = await call(listRoute, { token: who.staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const form = russianFormMessages(OrganisationFormSchema, body);
    expect(res.body.errors).toEqual(form);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["shortName", "fullName", "iatiTypeCode"]));
    expect(res.body.errors.shortName).toMatch(/[А-Яа-я]/);
    const duplicate = await call(listRoute, { token: who.staffToken, method: "POST", body: { shortName: `${tag}-kz`, fullName: "Twin", iatiTypeCode: "10" }, headers: { "accept-language": "ru" } });
    expect(duplicate.status).toBe(400);
    expect(Object.keys(duplicate.body.errors)).toEqual(["shortName"]);
    expect(duplicate.body.errors.shortName).toMatch(/[А-Яа-я]/);
    expect(await prisma.organisation.count()).toBe(before);
  });

  it("refuses writes through a read-only token (403) and archives through a writer", async () => {
    await expectArchivedOnlyByWriter(call, archiveRoute, who, {
      id: kz.id,
      entityType: "Organisation",
      archived: async () => (await prisma.organisation.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt !== null,
    });
  });
});
