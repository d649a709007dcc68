import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import {
  AGREEMENT_LIST,
  createAgreement,
  deleteAgreement,
  getAgreement,
  listAgreements,
  setAgreementArchived,
  updateAgreement,
} from "~/models/agreement.server";
import { listHistory } from "~/models/history.server";
import { AgreementFormSchema, type AgreementForm } from "~/schemas/agreement";
import { prisma } from "~/utils/db.server";
import { ConflictError, DependentsError, DomainError } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { english } from "../support/english";

const actor = { id: "", email: "" };
let programmeId: string;
let otherProgrammeId: string;
let nhis: { id: string };
let mohBy: { id: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  Object.assign(actor, { id: user.id, email: user.email });
  programmeId = (await createProgramme(prisma, { countries: ["BY"], title: "DRG pilot" })).id;
  otherProgrammeId = (await createProgramme(prisma, { countries: ["KZ"], title: "Kazakhstan cooperation" })).id;
  nhis = await createOrganisation(prisma, { shortName: `NHIS-${Date.now()}` });
  mohBy = await createOrganisation(prisma, { shortName: `MOH-BY-${Date.now()}`, countryCode: "BY" });
});

function form(overrides: Record<string, unknown> = {}): AgreementForm {
  return AgreementFormSchema.parse({
    programmeId,
    type: "MOU",
    title: "MoU on health financing",
    status: "SIGNED",
    signedOn: "2019-11-27",
    signedPrecision: "DAY",
    parties: [
      { organisationId: nhis.id, role: "SIGNATORY" },
      { organisationId: mohBy.id, role: "SIGNATORY" },
      { organisationId: "", role: "" },
    ],
    ...overrides,
  });
}

describe("AgreementFormSchema", () => {
  const base = { programmeId: "p", type: "MOU", title: "T", status: "DRAFT", signedPrecision: "DAY" };
  const errors = (values: Record<string, unknown>) => {
    const r = AgreementFormSchema.safeParse({ ...base, ...values });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), english(i.message)]));
  };

  it("requires the title, type and programme", () => {
    expect(errors({ title: "  ", type: "", programmeId: "" })).toMatchObject({
      title: "Enter a title.",
      type: "Choose the type of agreement.",
      programmeId: "Choose the programme.",
    });
  });

  it("wants the expiry after the signature", () => {
    expect(errors({ signedOn: "2020-05-01", expiresOn: "2020-05-01" }).expiresOn).toBe("The expiry date must be after the signature date.");
    expect(errors({ signedOn: "2020-05-01", expiresOn: "2025-05-01" }).expiresOn).toBeUndefined();
  });

  it("checks dates, currencies and amounts", () => {
    expect(errors({ signedOn: "2019-02-30" }).signedOn).toBe("The signature date is not a real date.");
    expect(errors({ value: "1000", currency: "KRX" }).currency).toBe("Use an ISO 4217 currency code such as KRW, USD or EUR.");
    expect(errors({ value: "1000" }).currency).toBe("Give the currency of the value.");
    expect(errors({ value: "12.345", currency: "USD" }).value).toBe("The value can have at most 2 digits after the decimal point.");
    expect(AgreementFormSchema.parse({ ...base, value: "32,000,000,000", currency: "krw" })).toMatchObject({ value: "32000000000", currency: "KRW" });
  });

  it("ties amendments to a parent and refuses duplicated parties", () => {
    expect(errors({ type: "AMENDMENT" }).parentId).toBe("Choose the agreement this amends.");
    expect(errors({ parentId: "x" }).type).toBe("Only an amendment can have a parent agreement.");
    expect(errors({ parties: [{ organisationId: "a", role: "SIGNATORY" }, { organisationId: "a", role: "SIGNATORY" }] })["parties.1.organisationId"]).toBe(
      "This party is listed twice with the same role.",
    );
  });
});

describe("agreements", () => {
  it("are created with their parties and audited in one go", async () => {
    const created = await createAgreement(ctxFor(actor), form());
    const detail = await getAgreement({ kind: "staff" }, created.id);
    expect(detail?.parties.map((p) => p.organisationId).sort()).toEqual([nhis.id, mohBy.id].sort());
    const history = await listHistory("Agreement", created.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: "create", actorEmail: actor.email });
    expect(history[0].changes).toMatchObject({ title: "MoU on health financing", signedOn: "2019-11-27" });
  });

  it("record what an edit changed, before and after", async () => {
    const created = await createAgreement(ctxFor(actor), form({ title: "Before" }));
    await updateAgreement(ctxFor(actor), created.id, 1, form({ title: "After", expiresOn: "2024-11-27", parties: [{ organisationId: nhis.id, role: "SIGNATORY" }] }));
    const [latest] = await listHistory("Agreement", created.id);
    expect(latest.action).toBe("update");
    expect(latest.changes).toEqual({
      title: { before: "Before", after: "After" },
      expiresOn: { before: null, after: "2024-11-27" },
      parties: { before: [`${nhis.id}:SIGNATORY`, `${mohBy.id}:SIGNATORY`].sort(), after: [`${nhis.id}:SIGNATORY`] },
    });
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: created.id } })).version).toBe(2);
  });

  it("keep the title and description in Russian and Korean as IATI narratives, and an edit keeps other languages", async () => {
    const created = await createAgreement(
      ctxFor(actor),
      form({ translations: { ru: { title: "Меморандум о финансировании здравоохранения", description: "" }, ko: { title: "", description: "" } } }),
    );
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { title: "Меморандум о финансировании здравоохранения" },
    });
    // A language the form does not edit (Kazakh, from an import) and another field stay.
    await prisma.agreement.update({
      where: { id: created.id },
      data: { translations: { ru: { title: "Меморандум о финансировании здравоохранения", note: "Примечание" }, kk: { title: "Денсаулық сақтау туралы меморандум" } } },
    });
    const result = await updateAgreement(
      ctxFor(actor),
      created.id,
      1,
      form({ translations: { ru: { title: "", description: "" }, ko: { title: "보건재정 양해각서", description: "설명" } } }),
    );
    expect(result).toMatchObject({ changed: ["translations"] });
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { note: "Примечание" },
      kk: { title: "Денсаулық сақтау туралы меморандум" },
      ko: { title: "보건재정 양해각서", description: "설명" },
    });
    const [latest] = await listHistory("Agreement", created.id);
    expect(latest.changes).toEqual({
      translations: {
        before: ["kk title: Денсаулық сақтау туралы меморандум", "ru note: Примечание", "ru title: Меморандум о финансировании здравоохранения"],
        after: ["kk title: Денсаулық сақтау туралы меморандум", "ko description: 설명", "ko title: 보건재정 양해각서", "ru note: Примечание"],
      },
    });
  });

  it("refuse a stale edit and say what the other person changed", async () => {
    const created = await createAgreement(ctxFor(actor), form({ title: "Original" }));
    await updateAgreement(ctxFor(actor), created.id, 1, form({ title: "Saved first" }));
    const stale = updateAgreement(ctxFor(actor), created.id, 1, form({ title: "Saved second", reference: "X-1" }));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const error = (await stale.catch((e: unknown) => e)) as ConflictError;
    expect(error.changes.title).toEqual({ mine: "Original", theirs: "Saved first" });
    expect(error.current.updatedBy).toBe(actor.email);
    const row = await prisma.agreement.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.title).toBe("Saved first");
    expect(row.reference).toBeNull();
  });

  it("keep an amendment in its parent's programme", async () => {
    const parent = await createAgreement(ctxFor(actor), form({ title: "Parent MoU" }));
    await expect(createAgreement(ctxFor(actor), form({ type: "AMENDMENT", parentId: parent.id, programmeId: otherProgrammeId, title: "Wrong" }))).rejects.toBeInstanceOf(
      DomainError,
    );
    const amendment = await createAgreement(ctxFor(actor), form({ type: "AMENDMENT", parentId: parent.id, title: "Amendment No. 1" }));
    const detail = await getAgreement({ kind: "staff" }, parent.id);
    expect(detail?.amendments.map((a) => a.id)).toEqual([amendment.id]);
  });

  it("archive and restore, and refuse deletion while others depend on it", async () => {
    const parent = await createAgreement(ctxFor(actor), form({ title: "Has an amendment" }));
    await createAgreement(ctxFor(actor), form({ type: "AMENDMENT", parentId: parent.id, title: "Dependent amendment" }));
    await expect(deleteAgreement(ctxFor(actor), parent.id)).rejects.toThrow(/amendment “Dependent amendment”/);
    await expect(deleteAgreement(ctxFor(actor), parent.id)).rejects.toBeInstanceOf(DependentsError);

    await setAgreementArchived(ctxFor(actor), parent.id, true);
    const staffList = await listAgreements({ kind: "staff" }, parseListQuery(new URLSearchParams(), AGREEMENT_LIST));
    expect(staffList.rows.map((r) => r.id)).not.toContain(parent.id);
    const archivedList = await listAgreements({ kind: "staff" }, parseListQuery(new URLSearchParams("archived=1"), AGREEMENT_LIST));
    expect(archivedList.rows.map((r) => r.id)).toContain(parent.id);
    await setAgreementArchived(ctxFor(actor), parent.id, false);
    expect((await listHistory("Agreement", parent.id)).map((h) => h.action).slice(0, 2)).toEqual(["restore", "archive"]);

    const lone = await createAgreement(ctxFor(actor), form({ title: "Nothing depends on me" }));
    await deleteAgreement(ctxFor(actor), lone.id);
    expect(await prisma.agreement.findUnique({ where: { id: lone.id } })).toBeNull();
    expect((await listHistory("Agreement", lone.id))[0].action).toBe("delete");
  });

  it("are searched case-insensitively across titles, parties and countries, and filtered", async () => {
    await createAgreement(ctxFor(actor), form({ title: "Searchable memorandum" }));
    const q = (s: string) => listAgreements({ kind: "staff" }, parseListQuery(new URLSearchParams(s), AGREEMENT_LIST));
    expect((await q("q=SEARCHABLE")).rows.map((r) => r.title)).toContain("Searchable memorandum");
    expect((await q("q=moh-by")).rows.map((r) => r.title)).toContain("Searchable memorandum");
    expect((await q("q=беларусь")).rows.map((r) => r.title)).toContain("Searchable memorandum");
    expect((await q("country=KZ")).rows.map((r) => r.title)).not.toContain("Searchable memorandum");
    expect((await q("from=2019-11-01&to=2019-11-30")).rows.map((r) => r.title)).toContain("Searchable memorandum");
    expect((await q("from=2020-01-01")).rows.map((r) => r.title)).not.toContain("Searchable memorandum");
  });

  it("expiring=90 lists live agreements expiring within 90 days", async () => {
    const day = 86_400_000;
    const today = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const soon = await createAgreement(ctxFor(actor), form({ title: "Expires soon", signedOn: "2015-01-01", expiresOn: iso(new Date(today.getTime() + 90 * day)) }));
    const later = await createAgreement(ctxFor(actor), form({ title: "Expires later", signedOn: "2015-01-01", expiresOn: iso(new Date(today.getTime() + 91 * day)) }));
    const ended = await createAgreement(ctxFor(actor), form({ title: "Terminated", status: "TERMINATED", signedOn: "2015-01-01", expiresOn: iso(new Date(today.getTime() + 10 * day)) }));
    const ids = (await listAgreements({ kind: "staff" }, parseListQuery(new URLSearchParams("expiring=90"), AGREEMENT_LIST))).rows.map((r) => r.id);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(ended.id);
  });

  it("are out of reach for partners of other countries and for donors who do not fund them", async () => {
    const created = await createAgreement(ctxFor(actor), form({ title: "Belarus only" }));
    expect(await getAgreement({ kind: "partner", countries: ["BY"] }, created.id)).not.toBeNull();
    expect(await getAgreement({ kind: "partner", countries: ["KZ"] }, created.id)).toBeNull();
    expect(await getAgreement({ kind: "donor", organisationIds: [nhis.id] }, created.id)).toBeNull();
  });
});
