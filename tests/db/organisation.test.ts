import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import { listHistory } from "~/models/history.server";
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  ORGANISATION_LIST,
  setOrganisationArchived,
  updateOrganisation,
} from "~/models/organisation-admin.server";
import { OrganisationFormSchema, type OrganisationForm } from "~/schemas/organisation";
import { prisma } from "~/utils/db.server";
import { ConflictError, DependentsError, DomainError } from "~/utils/errors.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { parseListQuery } from "~/utils/list-query";
import { createProgramme, createUser, ensureCountries, uid } from "../factories";
import { addOrganisationDependents } from "../factories/programme-admin";
import { english, englishErrors } from "../support/english";

const actor = { id: "", email: "" };
const staff = { kind: "staff" } as const;
const KOREAN_NAME = "건강보험심사평가원 국제협력단 전략구매 연구센터";

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  Object.assign(actor, { id: user.id, email: user.email });
  await ensureCountries(prisma, ["BY", "KZ", "KR"]);
});

const values = (overrides: Record<string, unknown> = {}) => ({
  shortName: `ORG-${uid()}`,
  fullName: "Ministry of Health of the Republic of Belarus",
  countryCode: "BY",
  iatiTypeCode: "10",
  iatiRef: "",
  description: "",
  ...overrides,
});

function form(overrides: Record<string, unknown> = {}): OrganisationForm {
  return OrganisationFormSchema.parse(values(overrides));
}

const errors = (overrides: Record<string, unknown>) => {
  const r = OrganisationFormSchema.safeParse(values(overrides));
  return r.success ? {} : englishErrors(zodErrorsToFieldErrors(r.error));
};

const list = async (params: Record<string, string>) =>
  (await listOrganisations(parseListQuery(new URLSearchParams(params), ORGANISATION_LIST), true)).rows;

describe("OrganisationFormSchema", () => {
  it("requires a short name, a full name and a type", () => {
    expect(errors({ shortName: " ", fullName: "", iatiTypeCode: "" })).toEqual({
      shortName: "Enter a short name.",
      fullName: "Enter the full name.",
      iatiTypeCode: "Choose the organisation type.",
    });
  });

  it("takes the type from the IATI OrganisationType codelist", () => {
    expect(form({ iatiTypeCode: "40" }).iatiTypeCode).toBe("40");
    expect(form({ iatiTypeCode: "80" }).iatiTypeCode).toBe("80");
    expect(errors({ iatiTypeCode: "99" }).iatiTypeCode).toBe("Choose an organisation type from the list (IATI OrganisationType).");
  });

  it("checks the country code", () => {
    expect(errors({ countryCode: "XX" }).countryCode).toBe("Use an ISO 3166-1 country code such as BY or KZ.");
    expect(form({ countryCode: "kr" }).countryCode).toBe("KR");
    expect(form({ countryCode: "" }).countryCode).toBeUndefined();
  });

  it("checks the IATI organisation identifier's agency prefix (OrganisationRegistrationAgency)", () => {
    expect(form({ iatiRef: "XM-DAC-41114" }).iatiRef).toBe("XM-DAC-41114");
    expect(form({ iatiRef: " KR-BRN-1234567890 " }).iatiRef).toBe("KR-BRN-1234567890");
    expect(form({ iatiRef: "" }).iatiRef).toBeUndefined();
    // KR-GOV is not an agency (Korea's are KR-BRN and KR-COA); XX is none at all.
    for (const bad of ["KR-GOV-010", "41114", "XM_DAC_41114", "ХМ-DAC-1", "XX-CONCORD"]) {
      expect(errors({ iatiRef: bad }).iatiRef, bad).toMatch(/is not a registration agency/);
    }
    expect(errors({ iatiRef: "XM DAC 41114" }).iatiRef).toBe("An identifier has no spaces and none of / & | ? (IATI rule).");
    expect(errors({ iatiRef: "XM-DAC-" }).iatiRef).toBe("After “XM-DAC-” comes the organisation's number at that agency.");
  });

  it("keeps long Korean and Cyrillic names", () => {
    expect(form({ fullName: KOREAN_NAME }).fullName).toBe(KOREAN_NAME);
    expect(form({ fullName: "Республиканский научно-практический центр медицинских технологий" }).fullName).toMatch(/^Республиканский/);
    expect(errors({ fullName: "x".repeat(301) }).fullName).toBe("Keep the full name under 300 characters.");
  });
});

describe("organisations", () => {
  it("are created and audited", async () => {
    const data = form({ fullName: KOREAN_NAME, countryCode: "KR", iatiTypeCode: "15", iatiRef: `KR-BRN-${uid()}` });
    const created = await createOrganisation(ctxFor(actor, undefined, { ip: "198.51.100.4" }), data);
    expect(created).toMatchObject({ fullName: KOREAN_NAME, countryCode: "KR", iatiTypeCode: "15" });
    const [event] = await listHistory("Organisation", created.id);
    expect(event).toMatchObject({ action: "create", actorEmail: actor.email });
    expect(event.changes).toMatchObject({ shortName: data.shortName, fullName: KOREAN_NAME, countryCode: "KR", iatiRef: data.iatiRef });
  });

  it("refuse a short name that is taken, in any case, next to the short name", async () => {
    const first = await createOrganisation(ctxFor(actor), form());
    const error = (await createOrganisation(ctxFor(actor), form({ shortName: first.shortName.toLowerCase() })).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.details.field).toBe("shortName");
    expect(english(error.message)).toBe(`Another organisation is already called ${first.shortName.toLowerCase()}. Use a different short name.`);
  });

  it("turn two saves of the same short name at once into one organisation and one refusal", async () => {
    const shortName = `RACE-${uid()}`;
    const results = await Promise.allSettled([createOrganisation(ctxFor(actor), form({ shortName })), createOrganisation(ctxFor(actor), form({ shortName }))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((rejected.reason as DomainError).details.field).toBe("shortName");
    expect(await prisma.organisation.count({ where: { shortName } })).toBe(1);
  });

  it("refuse an IATI identifier another organisation has", async () => {
    const iatiRef = `XM-DAC-${uid()}`;
    const first = await createOrganisation(ctxFor(actor), form({ iatiRef }));
    const error = (await createOrganisation(ctxFor(actor), form({ iatiRef })).catch((e: unknown) => e)) as DomainError;
    expect(error.details.field).toBe("iatiRef");
    expect(english(error.message)).toBe(`${first.shortName} already has the IATI identifier ${iatiRef}.`);
    // Saving the organisation that has it is fine.
    await updateOrganisation(ctxFor(actor), first.id, 1, form({ shortName: first.shortName, iatiRef, description: "WHO" }));
  });

  it("let an organisation's IATI identifier change without touching programme identifiers (minted under the publisher)", async () => {
    const funder = await createOrganisation(ctxFor(actor), form());
    const code = `UZ-${uid()}`.toUpperCase();
    await prisma.programme.create({ data: { code, title: "Funded", status: "IMPLEMENTATION", organisations: { create: [{ organisationId: funder.id, role: "FUNDING" }] } } });
    const taken = await createProgramme(prisma, {});
    const ref = `XM-DAC-${uid()}`;
    // Under the old rule <funder's ref>-<code> would have clashed with this stored identifier.
    await prisma.programme.update({ where: { id: taken.id }, data: { iatiIdentifier: `${ref}-${code}` } });
    await updateOrganisation(ctxFor(actor), funder.id, 1, form({ shortName: funder.shortName, iatiRef: ref }));
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: funder.id } })).iatiRef).toBe(ref);
  });

  it("record what an edit changed, and refuse a stale edit", async () => {
    const created = await createOrganisation(ctxFor(actor), form({ fullName: "Before", description: "" }));
    await updateOrganisation(ctxFor(actor), created.id, 1, form({ shortName: created.shortName, fullName: "After", countryCode: "KZ", description: "Partner ministry" }));
    const [latest] = await listHistory("Organisation", created.id);
    expect(latest.changes).toEqual({
      fullName: { before: "Before", after: "After" },
      countryCode: { before: "BY", after: "KZ" },
      description: { before: null, after: "Partner ministry" },
    });
    const stale = updateOrganisation(ctxFor(actor), created.id, 1, form({ shortName: created.shortName, fullName: "Too late" }));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    expect(((await stale.catch((e: unknown) => e)) as ConflictError).changes.fullName).toEqual({ mine: "Before", theirs: "After" });
    const row = await prisma.organisation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ fullName: "After", version: 2 });
  });

  it("keep the full name in Russian and Korean as IATI narratives, and an edit keeps other languages", async () => {
    const created = await createOrganisation(
      ctxFor(actor),
      form({ translations: { ru: { fullName: "Министерство здравоохранения Республики Беларусь" }, ko: { fullName: "" } } }),
    );
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { fullName: "Министерство здравоохранения Республики Беларусь" },
    });
    // A language the form does not edit (Kazakh, from an import) and another field stay.
    await prisma.organisation.update({
      where: { id: created.id },
      data: { translations: { ru: { fullName: "Министерство здравоохранения Республики Беларусь", description: "Министерство" }, kk: { fullName: "Беларусь Республикасының Денсаулық сақтау министрлігі" } } },
    });
    const result = await updateOrganisation(
      ctxFor(actor),
      created.id,
      1,
      form({ shortName: created.shortName, translations: { ru: { fullName: "" }, ko: { fullName: "벨라루스 공화국 보건부" } } }),
    );
    expect(result).toMatchObject({ changed: ["translations"] });
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { description: "Министерство" },
      kk: { fullName: "Беларусь Республикасының Денсаулық сақтау министрлігі" },
      ko: { fullName: "벨라루스 공화국 보건부" },
    });
    const [latest] = await listHistory("Organisation", created.id);
    expect(latest.changes).toEqual({
      translations: {
        before: [
          "kk fullName: Беларусь Республикасының Денсаулық сақтау министрлігі",
          "ru description: Министерство",
          "ru fullName: Министерство здравоохранения Республики Беларусь",
        ],
        after: ["kk fullName: Беларусь Республикасының Денсаулық сақтау министрлігі", "ko fullName: 벨라루스 공화국 보건부", "ru description: Министерство"],
      },
    });
  });

  it("are archived and restored, with history", async () => {
    const created = await createOrganisation(ctxFor(actor), form());
    await setOrganisationArchived(ctxFor(actor), created.id, true);
    expect((await list({ q: created.shortName })).map((r) => r.id)).toEqual([]);
    expect((await list({ q: created.shortName, archived: "1" })).map((r) => r.id)).toEqual([created.id]);
    await setOrganisationArchived(ctxFor(actor), created.id, false);
    expect((await list({ q: created.shortName })).map((r) => r.id)).toEqual([created.id]);
    expect((await listHistory("Organisation", created.id)).map((h) => h.action)).toEqual(["restore", "archive", "create"]);
  });

  it("are not deleted while anything refers to them, which the refusal names", async () => {
    const created = await createOrganisation(ctxFor(actor), form());
    const programme = await createProgramme(prisma, { title: `Programme ${uid()}` });
    const tag = uid();
    await addOrganisationDependents(prisma, created.id, programme.id, tag);
    const donor = await createUser(prisma, { role: "DONOR", organisationIds: [created.id] });
    const refused = deleteOrganisation(ctxFor(actor), created.id);
    await expect(refused).rejects.toBeInstanceOf(DependentsError);
    const error = (await refused.catch((e: unknown) => e)) as DependentsError;
    expect(error.dependents).toEqual(
      expect.arrayContaining([
        { type: "programme", title: programme.title },
        { type: "agreement", title: `Contract ${tag}` },
        { type: "activity", title: `Study visit ${tag}` },
        { type: "deliverable", title: `Analysis ${tag}` },
        { type: "outcome", title: `Draft the payment rules ${tag}` },
        { type: "funding line", title: `₩1,000,000 in ${programme.title}` },
        { type: "donor account", title: donor.user.email },
      ]),
    );
    expect(error.message).toMatch(/^It cannot be deleted because other records depend on it: programme “/);
    expect(await prisma.organisation.count({ where: { id: created.id } })).toBe(1);
  });

  it("are deleted, with an audit event, when nothing refers to them", async () => {
    const created = await createOrganisation(ctxFor(actor), form());
    await deleteOrganisation(ctxFor(actor), created.id);
    expect(await prisma.organisation.count({ where: { id: created.id } })).toBe(0);
    const [deleted] = await listHistory("Organisation", created.id);
    expect(deleted).toMatchObject({ action: "delete", actorEmail: actor.email });
    expect(deleted.changes).toMatchObject({ shortName: created.shortName });
  });

  it("show everything linked to them, within the viewer's scope", async () => {
    const created = await createOrganisation(ctxFor(actor), form());
    const by = await createProgramme(prisma, { countries: ["BY"], title: `Belarus ${uid()}` });
    const kz = await createProgramme(prisma, { countries: ["KZ"], title: `Kazakhstan ${uid()}` });
    const linked = await addOrganisationDependents(prisma, created.id, by.id);
    await prisma.programmeOrganisation.create({ data: { programmeId: kz.id, organisationId: created.id, role: "FUNDING" } });
    await createUser(prisma, { role: "DONOR", organisationIds: [created.id] });

    const detail = await getOrganisation(staff, created.id);
    expect(detail?.programmeRoles.map((r) => `${r.programme.code}:${r.role}`).sort()).toEqual([`${by.code}:IMPLEMENTING`, `${kz.code}:FUNDING`].sort());
    expect(detail?.agreementParties.map((p) => p.agreement.id)).toEqual([linked.agreement.id]);
    expect(detail?.activityRoles.map((a) => a.activity.id)).toEqual([linked.activity.id]);
    expect(detail?.deliverables.map((d) => d.id)).toEqual([linked.deliverable.id]);
    expect(detail?.outcomes.map((o) => o.id)).toEqual([linked.outcome.id]);
    expect(detail?.fundingProvided.map((f) => f.id)).toEqual([linked.funding.id]);
    expect(detail?._count.donorUsers).toBe(1);

    const partner = await getOrganisation({ kind: "partner", countries: ["KZ"] }, created.id);
    expect(partner?.programmeRoles.map((r) => r.programme.code)).toEqual([kz.code]);
    expect(partner?.agreementParties).toEqual([]);
  });
});

describe("the organisation list", () => {
  let tag: string;
  let hira: { id: string; shortName: string };
  let moh: { id: string; shortName: string };
  let who: { id: string; shortName: string };

  beforeAll(async () => {
    tag = uid();
    hira = await createOrganisation(ctxFor(actor), form({ shortName: `HIRA-${tag}`, fullName: KOREAN_NAME, countryCode: "KR", iatiTypeCode: "15" }));
    moh = await createOrganisation(ctxFor(actor), form({ shortName: `MOH-BY-${tag}`, fullName: "Министерство здравоохранения", countryCode: "BY", iatiTypeCode: "10" }));
    who = await createOrganisation(
      ctxFor(actor),
      form({ shortName: `WHO-${tag}`, fullName: "World Health Organization", countryCode: "", iatiTypeCode: "40", description: `Strategic purchasing ${tag}` }),
    );
  });

  const names = async (params: Record<string, string>) =>
    (await list(params)).map((r) => r.shortName).filter((n) => n.endsWith(tag) || n.includes(tag));

  it("finds organisations by short name, case-insensitively", async () => {
    expect(await names({ q: `hira-${tag}` })).toEqual([hira.shortName]);
    expect(await names({ q: `moh-by-${tag.toUpperCase()}` })).toEqual([moh.shortName]);
  });

  it("finds organisations by full name and description, in any script", async () => {
    expect(await names({ q: "전략구매" })).toContain(hira.shortName);
    expect(await names({ q: "МИНИСТЕРСТВО здравоохранения" })).toContain(moh.shortName);
    expect(await names({ q: `STRATEGIC PURCHASING ${tag}` })).toEqual([who.shortName]);
  });

  it("finds organisations by their country's Russian, Korean or English name, case-insensitively", async () => {
    expect(await names({ q: "беларусь" })).toEqual([moh.shortName]);
    expect(await names({ q: "БЕЛАРУСЬ" })).toEqual([moh.shortName]);
    expect(await names({ q: "대한민국" })).toEqual([hira.shortName]);
    expect(await names({ q: "korea" })).toEqual([hira.shortName]);
  });

  it("filters by country and type, and sorts", async () => {
    expect(await names({ country: "BY" })).toEqual([moh.shortName]);
    expect(await names({ type: "40" })).toEqual([who.shortName]);
    expect(await names({ sort: "shortName", dir: "desc" })).toEqual([who.shortName, moh.shortName, hira.shortName]);
    expect(await names({ sort: "type", dir: "asc" })).toEqual([moh.shortName, hira.shortName, who.shortName]);
  });
});
