import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import { getPublisher, publisherFormDefaults, savePublisher } from "~/models/publisher.server";
import { PublisherFormSchema, type PublisherForm } from "~/schemas/publisher";
import { prisma } from "~/utils/db.server";
import { ConflictError, DomainError } from "~/utils/errors.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createProgramme, createUser, uid } from "../factories";
import { ensurePublisher, TEST_PUBLISHER } from "../factories/publisher";
import { english, englishErrors } from "../support/english";

// The centre's IATI publisher settings (one row, id 1): checks, optimistic
// locking, audit, administrators only, and the identifier fixed once anything
// has been published under it.

const admin = { id: "", email: "", role: "ADMIN" as const };
const staff = { id: "", email: "", role: "STAFF" as const };

beforeAll(async () => {
  const a = await createUser(prisma, { role: "ADMIN" });
  Object.assign(admin, { id: a.user.id, email: a.user.email });
  const s = await createUser(prisma, { role: "STAFF" });
  Object.assign(staff, { id: s.user.id, email: s.user.email });
  await ensurePublisher(prisma);
});

// The row is shared by every test of this file: each starts from the test publisher.
afterEach(async () => {
  await prisma.programme.updateMany({ where: { iatiFirstPublishedAt: { not: null } }, data: { iatiFirstPublishedAt: null } });
  await ensurePublisher(prisma);
});

const values = (overrides: Record<string, unknown> = {}) => ({
  version: "",
  orgRef: "KR-BRN-1234567890",
  orgType: "15",
  lang: "en",
  nameEn: "Health Insurance Review & Assessment Service",
  nameRu: "",
  nameKo: "건강보험심사평가원",
  defaultCurrency: "KRW",
  publicBaseUrl: "https://concord.example.org/",
  ...overrides,
});
const form = (overrides: Record<string, unknown> = {}): PublisherForm => PublisherFormSchema.parse(values(overrides));
const errors = (overrides: Record<string, unknown>) => {
  const r = PublisherFormSchema.safeParse(values(overrides));
  return r.success ? {} : englishErrors(zodErrorsToFieldErrors(r.error));
};
const currentVersion = async () => (await prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } })).version;

describe("the publisher form", () => {
  it("normalises the base URL and keeps names by language", () => {
    const f = form();
    expect(f.publicBaseUrl).toBe("https://concord.example.org");
    expect(f).toMatchObject({ nameEn: "Health Insurance Review & Assessment Service", nameRu: undefined, nameKo: "건강보험심사평가원" });
  });

  it("checks every field, next to it", () => {
    expect(errors({ orgRef: "XX-CONCORD" }).orgRef).toMatch(/^“XX-CONCORD” is not a registration agency/);
    expect(errors({ orgRef: "KR-GOV-1" }).orgRef).toMatch(/^“KR-GOV” is not a registration agency/);
    expect(errors({ orgRef: "KR-BRN 123" }).orgRef).toBe("An identifier has no spaces and none of / & | ? (IATI rule).");
    expect(errors({ orgRef: "" }).orgRef).toBe("Enter the organisation identifier.");
    expect(errors({ orgType: "99" }).orgType).toBe("Choose the organisation type.");
    expect(errors({ defaultCurrency: "XYZ" }).defaultCurrency).toBe("Choose the default currency.");
    expect(errors({ lang: "fr" }).lang).toBe("Choose the default language.");
    expect(errors({ nameEn: "" }).nameEn).toBe("Enter the name in English, the default language.");
    expect(errors({ nameEn: "", lang: "ko" })).toEqual({});
    expect(errors({ lang: "ru" }).nameRu).toBe("Enter the name in Russian, the default language.");
    expect(errors({ publicBaseUrl: "concord.example.org" }).publicBaseUrl).toMatch(/^Enter an absolute address/);
    expect(errors({ publicBaseUrl: "ftp://concord.example.org" }).publicBaseUrl).toMatch(/^Enter an absolute address/);
    expect(errors({ publicBaseUrl: "https://concord.example.org/?a=1" }).publicBaseUrl).toMatch(/no query/);
    expect(errors({ publicBaseUrl: "https://concord.example.org/#top" }).publicBaseUrl).toMatch(/no query/);
    // All problems at once.
    expect(Object.keys(errors({ orgRef: "XX-1", nameEn: "", publicBaseUrl: "" })).sort()).toEqual(["nameEn", "orgRef", "publicBaseUrl"]);
  });
});

describe("savePublisher", () => {
  it("saves, audits and bumps the version; getPublisher reads it back", async () => {
    const version = await currentVersion();
    const result = await savePublisher(ctxFor(admin), form({ version: String(version) }));
    expect(result).toEqual({ changed: true, version: version + 1 });
    expect(await getPublisher()).toMatchObject({
      ref: "KR-BRN-1234567890",
      type: "15",
      name: "Health Insurance Review & Assessment Service",
      lang: "en",
      names: { ko: "건강보험심사평가원" },
      defaultCurrency: "KRW",
      publicBaseUrl: "https://concord.example.org",
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "PublisherSettings", entityId: "1" }, orderBy: { at: "desc" } });
    expect(event).toMatchObject({ action: "update", actorEmail: admin.email });
    expect(event.changes).toMatchObject({ orgRef: { before: TEST_PUBLISHER.orgRef, after: "KR-BRN-1234567890" } });
    // The form shows what was saved.
    expect(publisherFormDefaults(await getPublisher())).toMatchObject({ orgRef: "KR-BRN-1234567890", nameKo: "건강보험심사평가원", nameRu: "" });
    // Saving the same again changes nothing and records nothing.
    const events = await prisma.auditEvent.count({ where: { entityType: "PublisherSettings" } });
    expect(await savePublisher(ctxFor(admin), form({ version: String(version + 1) }))).toEqual({ changed: false, version: version + 1 });
    expect(await prisma.auditEvent.count({ where: { entityType: "PublisherSettings" } })).toBe(events);
  });

  it("stores another default language's name as the name, the rest as translations", async () => {
    await savePublisher(ctxFor(admin), form({ version: String(await currentVersion()), lang: "ko", nameRu: "Служба" }));
    const row = await prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({ name: "건강보험심사평가원", lang: "ko" });
    expect(row.translations).toEqual({ en: { name: "Health Insurance Review & Assessment Service" }, ru: { name: "Служба" } });
  });

  it("creates the row when there is none", async () => {
    await prisma.publisherSettings.deleteMany({});
    expect(await getPublisher()).toBeNull();
    expect(await savePublisher(ctxFor(admin), form())).toEqual({ changed: true, version: 1 });
    expect((await getPublisher())?.ref).toBe("KR-BRN-1234567890");
    expect(await prisma.auditEvent.findFirst({ where: { entityType: "PublisherSettings", action: "create" }, orderBy: { at: "desc" } })).not.toBeNull();
  });

  it("refuses a stale form (someone else saved since) and saves nothing", async () => {
    const version = await currentVersion();
    await savePublisher(ctxFor(admin), form({ version: String(version), nameEn: "First" }));
    const stale = savePublisher(ctxFor(admin), form({ version: String(version), nameEn: "Second" }));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const error = (await stale.catch((e: unknown) => e)) as ConflictError;
    expect(error.changes).toMatchObject({ name: { theirs: "First" } });
    expect((await getPublisher())?.name).toBe("First");
    // A form without a version while the row exists is stale too.
    await expect(savePublisher(ctxFor(admin), form({ version: "", nameEn: "Third" }))).rejects.toBeInstanceOf(ConflictError);
  });

  it("is for administrators only", async () => {
    const before = await prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } });
    const version = String(before.version);
    await expect(savePublisher(ctxFor(staff), form({ version }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(savePublisher(ctxFor({ ...admin }, { kind: "partner", countries: ["BY"] }), form({ version }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
  });

  it("refuses a new identifier once anything has been published under the old one, but saves the other fields", async () => {
    const programme = await createProgramme(prisma, { code: `PUB-${uid()}` });
    await prisma.programme.update({ where: { id: programme.id }, data: { iatiFirstPublishedAt: new Date("2026-11-02T00:00:00Z") } });
    const version = await currentVersion();
    const refused = savePublisher(ctxFor(admin), form({ version: String(version) }));
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    const error = (await refused.catch((e: unknown) => e)) as DomainError;
    expect(error.details.field).toBe("orgRef");
    expect(english(error.message)).toBe(
      `Activities have already been published under ${TEST_PUBLISHER.orgRef}, and their identifiers begin with it: the organisation identifier can no longer be changed.`,
    );
    expect((await getPublisher())?.ref).toBe(TEST_PUBLISHER.orgRef);
    // The same identifier with a new name is fine.
    await savePublisher(ctxFor(admin), form({ version: String(version), orgRef: TEST_PUBLISHER.orgRef, nameEn: "Renamed" }));
    expect(await getPublisher()).toMatchObject({ ref: TEST_PUBLISHER.orgRef, name: "Renamed" });
  });

  it("replaces an illustrative identifier even after publishing under it, moving what was minted under it", async () => {
    const illustrative = `KR-BRN-EXAMPLE-${uid()}`.toUpperCase();
    await ensurePublisher(prisma, { orgRef: illustrative });
    const programme = await createProgramme(prisma, { code: `PUB-${uid()}` });
    await prisma.programme.update({
      where: { id: programme.id },
      data: { iatiIdentifier: `${illustrative}-${programme.code}`, iatiFirstPublishedAt: new Date("2026-11-02T00:00:00Z") },
    });
    await prisma.iatiPublishedActivity.create({
      data: { recordType: "ACTIVITY", recordId: `r-${uid()}`, programmeId: programme.id, iatiIdentifier: `${illustrative}-${programme.code}-AC-x`, contentHash: null },
    });
    const real = `KR-BRN-${uid()}`.toUpperCase();
    await savePublisher(ctxFor(admin), form({ version: String(await currentVersion()), orgRef: real }));
    expect((await getPublisher())?.ref).toBe(real);
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: programme.id } })).iatiIdentifier).toBe(`${real}-${programme.code}`);
    expect(await prisma.iatiPublishedActivity.count({ where: { iatiIdentifier: { startsWith: `${illustrative}-` } } })).toBe(0);
    // Under the real identifier, the refusal holds again.
    const again = savePublisher(ctxFor(admin), form({ version: String(await currentVersion()), orgRef: `KR-BRN-${uid()}`.toUpperCase() }));
    await expect(again).rejects.toBeInstanceOf(DomainError);
  });
});
