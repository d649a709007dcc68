import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import * as archiveRoute from "~/routes/api.v1.outcomes.$id.archive";
import * as oneRoute from "~/routes/api.v1.outcomes.$id";
import * as listRoute from "~/routes/api.v1.outcomes";
import { OutcomeFormSchema } from "~/schemas/outcome";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createOrganisation, createProgramme } from "../factories";
import { createActivity, createDeliverable, createOutcome } from "../factories/deliverable";
import { apiCaller } from "../support/api-call";
import { apiIdentities, expectReadOnlyThenArchive, expectRefusedWithoutToken } from "../support/api-record-cases";

// Issue 19, point 5 (helper APIA): the JSON API's outcomes, with their
// follow-up actions as the outcome form's rows (the model keeps them so: an
// edit replaces them as a whole). Scope through partner and donor tokens
// (a deliverable the partner may not open is not named), read-only tokens,
// 409 with the current record, the form's own messages in Russian, writes
// audited as the token's owner with the token named.

const call = apiCaller("http://concord.test/api/v1/outcomes");
const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((r) => r.id);

let who: Awaited<ReturnType<typeof apiIdentities>>;
let byActivity: { id: string };
let byProgramme: { id: string };
let byDeliverable: { id: string };
let by: { id: string };
let kz: { id: string };
let owner: { id: string };
let kzOnlyDeliverable: { id: string };
let shared: { id: string };
const tag = `ApiOut${Date.now().toString(36)}`;

beforeAll(async () => {
  who = await apiIdentities(tag);
  byProgramme = who.byProgramme;
  const kzProgramme = who.kzProgramme;
  owner = await createOrganisation(prisma, { shortName: `${tag}-MOH` });
  byActivity = await createActivity(prisma, { programmeId: byProgramme.id, countryCode: "BY", title: `${tag} Minsk workshop` });
  const kzActivity = await createActivity(prisma, { programmeId: kzProgramme.id, countryCode: "KZ", title: `${tag} Astana workshop` });
  byDeliverable = await createDeliverable(prisma, { programmeId: byProgramme.id, title: `${tag} roadmap` });
  const archivedDeliverable = await createDeliverable(prisma, { programmeId: byProgramme.id, title: `${tag} old roadmap`, archived: true });
  by = await createOutcome(prisma, { activityId: byActivity.id, text: `${tag} Minsk: agreed to draft a roadmap` });
  await prisma.followUpAction.createMany({
    data: [
      { outcomeId: by.id, position: 0, description: `${tag} draft the roadmap`, status: "IN_PROGRESS", deliverableId: byDeliverable.id },
      { outcomeId: by.id, position: 1, description: `${tag} the first draft`, status: "DONE", deliverableId: archivedDeliverable.id },
    ],
  });
  kz = await createOutcome(prisma, { activityId: kzActivity.id, text: `${tag} Astana: agreed to pilot` });
  // A programme of both countries: its Minsk outcome is the Belarus partner's, a deliverable of its Astana activity is not (ADR 0011).
  const both = await createProgramme(prisma, { countries: ["BY", "KZ"], title: `${tag} two-country programme` });
  const minsk = await createActivity(prisma, { programmeId: both.id, countryCode: "BY", title: `${tag} Minsk seminar` });
  const astana = await createActivity(prisma, { programmeId: both.id, countryCode: "KZ", title: `${tag} Astana seminar` });
  kzOnlyDeliverable = await createDeliverable(prisma, { programmeId: both.id, activityId: astana.id, title: `${tag} Astana report` });
  shared = await createOutcome(prisma, { activityId: minsk.id, text: `${tag} Minsk seminar: agreed to compare`, deliverableId: kzOnlyDeliverable.id });
  await prisma.followUpAction.create({ data: { outcomeId: shared.id, position: 0, description: `${tag} compare`, status: "NOT_STARTED", deliverableId: kzOnlyDeliverable.id } });
});

describe("/api/v1/outcomes", () => {
  it("refuses a call without a valid token (401 problem+json) and a session cookie for writes", () => expectRefusedWithoutToken(call, listRoute));

  it("a partner's token sees what the partner sees: a Kazakhstan outcome is 404 to a Belarus token", async () => {
    const list = await call(listRoute, { token: who.partnerToken, path: `?q=${tag}` });
    expect(list.status).toBe(200);
    expect(ids(list).sort()).toEqual([by.id, shared.id].sort());
    expect((await call(oneRoute, { token: who.partnerToken }, { id: kz.id })).status).toBe(404);
    const mine = await call(oneRoute, { token: who.partnerToken }, { id: by.id });
    expect(mine.body).toMatchObject({ id: by.id, activityId: byActivity.id, text: `${tag} Minsk: agreed to draft a roadmap` });
    // The follow-up actions are the outcome's rows; an archived deliverable the partner cannot open is not named.
    expect(mine.body.followUps).toEqual([
      { description: `${tag} draft the roadmap`, ownerOrgId: "", dueDate: "", status: "IN_PROGRESS", deliverableId: byDeliverable.id },
      { description: `${tag} the first draft`, ownerOrgId: "", dueDate: "", status: "DONE", deliverableId: "" },
    ]);
    expect((await call(oneRoute, { token: who.staffToken }, { id: by.id })).body.followUps[1].deliverableId).not.toBe("");
    // A donor sees the programmes its organisation funds, no more.
    expect(ids(await call(listRoute, { token: who.donorToken, path: `?q=${tag}` }))).toEqual([by.id]);
    expect((await call(oneRoute, { token: who.donorToken }, { id: kz.id })).status).toBe(404);
    // Staff see both, with the page's filters and sorting.
    expect(ids(await call(listRoute, { token: who.staffToken, path: `?q=${tag}&sort=text&dir=desc&programme=${byProgramme.id}` }))).toEqual([by.id]);
    const all = ids(await call(listRoute, { token: who.staffToken, path: `?q=${tag}&sort=text&dir=desc` }));
    expect([...all].sort()).toEqual([shared.id, by.id, kz.id].sort());
    expect(all.at(-1)).toBe(kz.id); // "… Astana" sorts after both "… Minsk" texts, descending

    const filtered = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&country=KZ` });
    // Kazakhstan: the Astana outcome and the two-country programme's.
    expect(filtered.body).toMatchObject({ total: 2, page: 1, perPage: 25 });
    expect(ids(filtered).sort()).toEqual([kz.id, shared.id].sort());
    expect(filtered.body.data.find((r: { id: string }) => r.id === kz.id)).toMatchObject({ followUpStatus: "NOT_STARTED", archived: false });
    expect((await call(oneRoute, { token: who.partnerToken, method: "PATCH", body: { version: 1, text: "Mine" } }, { id: by.id })).status).toBe(403);
  });

  it("names to a partner only the deliverables the partner may open (another country's is left blank), as the portal does", async () => {
    const partner = await call(oneRoute, { token: who.partnerToken }, { id: shared.id });
    expect(partner.status).toBe(200);
    expect(partner.body).toMatchObject({ deliverableId: "", followUps: [{ description: `${tag} compare`, deliverableId: "" }] });
    const staffView = await call(oneRoute, { token: who.staffToken }, { id: shared.id });
    expect(staffView.body).toMatchObject({ deliverableId: kzOnlyDeliverable.id, followUps: [{ deliverableId: kzOnlyDeliverable.id }] });
  });

  it("creates with its follow-up actions, audited as the token's owner with the token named", async () => {
    const created = await call(listRoute, {
      token: who.staffToken,
      method: "POST",
      body: {
        activityId: byActivity.id,
        type: "DECISION",
        text: `${tag} made through the API`,
        followUpStatus: "IN_PROGRESS",
        dueDate: "2027-03-01",
        followUps: [{ description: "Circulate the minutes", ownerOrgId: owner.id, dueDate: "2027-01-15", status: "NOT_STARTED" }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/outcomes/${created.body.id}`);
    expect(created.body).toMatchObject({
      text: `${tag} made through the API`,
      version: 1,
      dueDate: "2027-03-01",
      followUps: [{ description: "Circulate the minutes", ownerOrgId: owner.id, dueDate: "2027-01-15", status: "NOT_STARTED", deliverableId: "" }],
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Outcome", entityId: created.body.id, action: "create" } });
    expect(audit.actorId).toBe(who.staff.actor.id);
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
  });

  it("a PATCH without followUps keeps them, one with followUps replaces them; a stale version is 409", async () => {
    const first = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, followUpStatus: "IN_PROGRESS" } }, { id: by.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, followUpStatus: "IN_PROGRESS" });
    expect(await prisma.followUpAction.count({ where: { outcomeId: by.id } })).toBe(2);
    const stale = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, text: "Stale" } }, { id: by.id });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain("application/problem+json");
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: by.id, version: 2, followUpStatus: "IN_PROGRESS" } });
    const replaced = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 2, followUps: [{ description: "Only this one", status: "NOT_STARTED" }] } }, { id: by.id });
    expect(replaced.status).toBe(200);
    expect(replaced.body.followUps).toEqual([{ description: "Only this one", ownerOrgId: "", dueDate: "", status: "NOT_STARTED", deliverableId: "" }]);
    expect(await prisma.followUpAction.count({ where: { outcomeId: by.id } })).toBe(1);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Outcome", entityId: by.id, action: "update" }, orderBy: { at: "desc" } });
    expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
    expect(audit.changes).toHaveProperty("followUps");
  });

  it("refuses bad fields, follow-up rows included, with the form's own messages in Russian, saving nothing", async () => {
    const body = { activityId: byActivity.id, type: "NOPE", text: "", followUpStatus: "NOT_PURSUED", followUps: [{ description: "", status: "LATER", dueDate: "2026-13-01" }] };
    const before = await prisma.outcome.count();
    const res = await call(listRoute, { token: who.staffToken, method: "POST", body, headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const parsed = OutcomeFormSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const ru = serverTranslator("ru");
    const form = Object.fromEntries(Object.entries(zodErrorsToFieldErrors(parsed.error!)).map(([k, v]) => [k, ru.text(v)]));
    expect(res.body.errors).toEqual(form);
    expect(Object.keys(res.body.errors)).toEqual(expect.arrayContaining(["type", "text", "followUps.0.description", "followUps.0.status", "followUps.0.dueDate"]));
    expect(res.body.errors.text).toMatch(/[А-Яа-я]/);
    expect(await prisma.outcome.count()).toBe(before);
  });

  it("refuses writes through a read-only token (403) and archives through a writer", () =>
    expectReadOnlyThenArchive(call, { list: listRoute, archive: archiveRoute }, {
      readOnlyToken: who.readOnlyToken,
      writerToken: who.staffToken,
      id: kz.id,
      entityType: "Outcome",
      archivedAt: async () => (await prisma.outcome.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt,
    }));
});
