import { beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import { listHistory } from "~/models/history.server";
import {
  createProgramme,
  deleteProgramme,
  getProgrammeRecord,
  listProgrammeRows,
  PROGRAMME_LIST,
  setProgrammeArchived,
  updateProgramme,
} from "~/models/programme-admin.server";
import { ProgrammeFormSchema, type ProgrammeForm } from "~/schemas/programme";
import { prisma } from "~/utils/db.server";
import { ConflictError, DependentsError, DomainError, uniqueViolationFields } from "~/utils/errors.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { parseListQuery } from "~/utils/list-query";
import { createOrganisation, createProgramme as makeProgramme, createUser, ensureCountries, uid } from "../factories";
import { addProgrammeDependents, programmeValues } from "../factories/programme-admin";
import { ensurePublisher, TEST_PUBLISHER } from "../factories/publisher";
import { english, englishErrors } from "../support/english";

const actor = { id: "", email: "" };
const REF = TEST_PUBLISHER.orgRef;
const staff = { kind: "staff" } as const;
let koica: { id: string; shortName: string };
let mohBy: { id: string; shortName: string };

beforeAll(async () => {
  const { user } = await createUser(prisma, { role: "STAFF" });
  Object.assign(actor, { id: user.id, email: user.email });
  await ensureCountries(prisma, ["BY", "KZ", "UZ"]);
  await ensurePublisher(prisma);
  koica = await createOrganisation(prisma, { shortName: `KOICA-${uid()}` });
  mohBy = await createOrganisation(prisma, { shortName: `MOH-BY-${uid()}`, countryCode: "BY" });
});

function form(overrides: Record<string, unknown> = {}): ProgrammeForm {
  return ProgrammeFormSchema.parse(programmeValues(overrides));
}

/** The messages the form would show, one per field (as the action reports them). */
const errors = (overrides: Record<string, unknown>) => {
  const r = ProgrammeFormSchema.safeParse(programmeValues(overrides));
  return r.success ? {} : englishErrors(zodErrorsToFieldErrors(r.error));
};

const list = (params: Record<string, string>) => listProgrammeRows(staff, parseListQuery(new URLSearchParams(params), PROGRAMME_LIST), true);

describe("ProgrammeFormSchema", () => {
  it("requires a code, a title and a status", () => {
    expect(errors({ code: " ", title: "", status: "" })).toMatchObject({
      code: "Enter a code.",
      title: "Enter a title.",
      status: "Choose a status.",
    });
  });

  it("takes codes of 2–40 capital letters, digits and hyphens, upper-casing what is typed", () => {
    expect(form({ code: " by-drg " }).code).toBe("BY-DRG");
    expect(errors({ code: "B" }).code).toBe("Use 2 to 40 characters for the code.");
    expect(errors({ code: "X".repeat(41) }).code).toBe("Use 2 to 40 characters for the code.");
    expect(errors({ code: "BY DRG" }).code).toMatch(/^Use capital letters, digits and single hyphens/);
    expect(errors({ code: "BY--DRG" }).code).toMatch(/^Use capital letters/);
    expect(errors({ code: "-BY" }).code).toMatch(/^Use capital letters/);
    expect(errors({ code: "БЕЛ-1" }).code).toMatch(/^Use capital letters/);
    expect(errors({ code: "new" }).code).toBe("This code is reserved; choose another.");
  });

  it("wants sector percentages that add up to exactly 100%", () => {
    const sectors = (...rows: [string, string][]) => ({ sectors: rows.map(([sectorCode, percentage]) => ({ sectorCode, percentage })) });
    expect(errors(sectors(["12110", "60"], ["12220", "30"])).sectors).toBe("Sector percentages add up to 90%; they must add up to 100%.");
    expect(errors(sectors(["12110", "60"], ["12220", "50"])).sectors).toBe("Sector percentages add up to 110%; they must add up to 100%.");
    expect(errors(sectors(["12110", "60"], ["12220", "40"]))).toEqual({});
    // Sums are exact in hundredths: no floating-point near misses.
    expect(errors(sectors(["12110", "33.33"], ["12220", "33.33"], ["12281", "33.34"]))).toEqual({});
    expect(errors(sectors(["12110", "99.99"])).sectors).toBe("Sector percentages add up to 99.99%; they must add up to 100%.");
    expect(form(sectors(["12110", "100"])).sectors).toEqual([{ sectorCode: "12110", percentage: "100" }]);
    // No sectors at all is fine.
    expect(errors({ sectors: [{ sectorCode: "", percentage: "" }] })).toEqual({});
  });

  it("checks each sector row: a known code, a share above 0, no repeats", () => {
    const row = (sectorCode: string, percentage: string) => ({ sectors: [{ sectorCode, percentage }] });
    expect(errors(row("99999", "100"))["sectors.0.sectorCode"]).toMatch(/^Choose a sector from the list/);
    expect(errors(row("11321", "100"))["sectors.0.sectorCode"]).toMatch(/^Choose a sector from the list/); // withdrawn from the codelist
    expect(errors(row("12110", ""))["sectors.0.percentage"]).toBe("Enter the sector's share.");
    expect(errors(row("12110", "0"))["sectors.0.percentage"]).toBe("The sector's share must be more than 0.");
    expect(errors(row("12110", "101"))["sectors.0.percentage"]).toBe("The sector's share cannot be more than 100.");
    expect(errors(row("12110", "ten"))["sectors.0.percentage"]).toMatch(/^Enter the sector's share as a number/);
    expect(errors(row("", "100"))["sectors.0.sectorCode"]).toBe("Choose a sector.");
    expect(
      errors({ sectors: [{ sectorCode: "12110", percentage: "50" }, { sectorCode: "12110", percentage: "50" }] })["sectors.1.sectorCode"],
    ).toBe("This sector is listed twice.");
  });

  it("names the row the user sees even when a blank row comes first", () => {
    const e = errors({ sectors: [{ sectorCode: "", percentage: "" }, { sectorCode: "12110", percentage: "" }] });
    expect(e["sectors.1.percentage"]).toBe("Enter the sector's share.");
    expect(form({ sectors: [{ sectorCode: "", percentage: "" }, { sectorCode: "12110", percentage: "100" }] }).sectors).toHaveLength(1);
  });

  it("checks partner countries and their shares: optional for one country, required for several (IATI)", () => {
    const countries = (...rows: [string, string][]) => ({ countries: rows.map(([countryCode, percentage]) => ({ countryCode, percentage })) });
    expect(errors(countries(["XX", ""]))["countries.0.countryCode"]).toBe("Choose a country from the list (ISO 3166-1).");
    expect(form(countries(["by", ""])).countries).toEqual([{ countryCode: "BY", percentage: undefined }]);
    const needed = "A programme with several countries must give each country's share (IATI); enter it, the shares adding up to 100%.";
    expect(errors(countries(["BY", ""], ["KZ", ""]))).toEqual({ "countries.0.percentage": needed, "countries.1.percentage": needed });
    expect(errors(countries(["BY", "70"], ["KZ", "30"]))).toEqual({});
    expect(errors(countries(["BY", "70"], ["KZ", ""]))).toEqual({ "countries.1.percentage": needed });
    expect(errors(countries(["BY", "100"]))).toEqual({});
    expect(errors(countries(["BY", "60"])).countries).toBe("Country shares add up to 60%; they must add up to 100%.");
    expect(errors(countries(["BY", "70"], ["KZ", "20"])).countries).toBe("Country shares add up to 90%; they must add up to 100%.");
    expect(errors(countries(["BY", "120"]))["countries.0.percentage"]).toBe("The country's share cannot be more than 100.");
    expect(errors(countries(["BY", "50"], ["BY", "50"]))["countries.1.countryCode"]).toBe("This country is listed twice.");
  });

  it("refuses an organisation listed twice with the same role, but allows two roles", () => {
    const orgs = (...rows: [string, string][]) => ({ organisations: rows.map(([organisationId, role]) => ({ organisationId, role })) });
    expect(errors(orgs(["a", "FUNDING"], ["a", "FUNDING"]))["organisations.1.organisationId"]).toBe(
      "This organisation is listed twice with the same role.",
    );
    expect(errors(orgs(["a", "FUNDING"], ["a", "IMPLEMENTING"]))).toEqual({});
    expect(errors(orgs(["a", ""]))["organisations.0.role"]).toBe("Choose the organisation's role.");
    expect(errors(orgs(["", "FUNDING"]))["organisations.0.organisationId"]).toBe("Choose an organisation.");
    // No FUNDING or ACCOUNTABLE organisation is required.
    expect(errors(orgs(["a", "IMPLEMENTING"]))).toEqual({});
  });

  it("checks dates, the budget and its currency", () => {
    expect(errors({ plannedStart: "2024-01-01", plannedEnd: "2023-12-31" }).plannedEnd).toBe("The planned end cannot be before the planned start.");
    expect(errors({ actualStart: "2024-03-01", actualEnd: "2024-02-29" }).actualEnd).toBe("The actual end cannot be before the actual start.");
    expect(errors({ actualStart: "2024-03-01", actualEnd: "2024-03-01" })).toEqual({});
    expect(errors({ plannedStart: "2023-02-29" }).plannedStart).toBe("The planned start is not a real date.");
    expect(errors({ budgetCurrency: "KRX" }).budgetCurrency).toBe("Use an ISO 4217 currency code such as KRW, USD or EUR.");
    expect(errors({ budgetCurrency: "" }).budgetCurrency).toBe("Give the currency of the budget.");
    expect(errors({ budgetAmount: "-5" }).budgetAmount).toBe("The budget cannot be negative.");
    expect(form({ budgetAmount: "32,000,000,000", budgetCurrency: "krw" })).toMatchObject({ budgetAmount: "32000000000", budgetCurrency: "KRW" });
    expect(errors({ budgetAmount: "", budgetCurrency: "" })).toEqual({});
  });

  it("reports the date and budget rules together with row errors, not after them", () => {
    const e = errors({
      plannedStart: "2024-01-01",
      plannedEnd: "2023-01-01",
      budgetCurrency: "",
      sectors: [{ sectorCode: "12110", percentage: "" }],
      title: "",
    });
    expect(Object.keys(e).sort()).toEqual(["budgetCurrency", "plannedEnd", "sectors.0.percentage", "title"]);
  });

  it("checks the shape of the IATI identifier", () => {
    expect(form({ iatiIdentifier: "KR-BRN-TEST-CENTRE-BY-DRG" }).iatiIdentifier).toBe("KR-BRN-TEST-CENTRE-BY-DRG");
    expect(errors({ iatiIdentifier: "not an id" }).iatiIdentifier).toMatch(/^Use an IATI activity identifier/);
    expect(errors({ iatiIdentifier: "KR-GOV-010-" }).iatiIdentifier).toMatch(/^Use an IATI activity identifier/);
  });
});

describe("programmes", () => {
  it("are created with organisations, countries and sectors, and audited in the same transaction", async () => {
    const data = form({
      title: "Hospital payment reform",
      organisations: [
        { organisationId: koica.id, role: "FUNDING" },
        { organisationId: mohBy.id, role: "ACCOUNTABLE" },
        { organisationId: "", role: "" },
      ],
      countries: [{ countryCode: "BY", percentage: "" }],
      sectors: [
        { sectorCode: "12110", percentage: "60" },
        { sectorCode: "12220", percentage: "40" },
      ],
    });
    const created = await createProgramme(ctxFor(actor, undefined, { ip: "203.0.113.7" }), data);
    const record = await getProgrammeRecord(staff, data.code);
    expect(record?.organisations.map((o) => `${o.organisationId}:${o.role}`).sort()).toEqual([`${koica.id}:FUNDING`, `${mohBy.id}:ACCOUNTABLE`].sort());
    expect(record?.countries.map((c) => c.countryCode)).toEqual(["BY"]);
    expect(record?.sectors.map((s) => [s.sectorCode, s.percentage.toString()])).toEqual([["12110", "60"], ["12220", "40"]]);
    const history = await listHistory("Programme", created.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: "create", actorEmail: actor.email });
    expect(history[0].changes).toMatchObject({
      code: data.code,
      title: "Hospital payment reform",
      plannedStart: "2024-01-01",
      budgetAmount: "1500000",
      organisations: [`${koica.shortName} (Funding)`, `${mohBy.shortName} (Accountable)`].sort(),
      countries: ["BY"],
      sectors: ["12110 60%", "12220 40%"],
    });
  });

  it("refuse a code another programme uses, in any case, next to the code field", async () => {
    const first = await createProgramme(ctxFor(actor), form());
    const again = createProgramme(ctxFor(actor), form({ code: first.code.toLowerCase(), title: "Another" }));
    await expect(again).rejects.toBeInstanceOf(DomainError);
    const error = (await again.catch((e: unknown) => e)) as DomainError;
    expect(english(error.message)).toBe(`Another programme already uses the code ${first.code}. Choose a different code.`);
    expect(error.details.field).toBe("code");
    expect(await prisma.programme.count({ where: { code: first.code } })).toBe(1);
  });

  it("refuse an IATI identifier another programme has", async () => {
    const iatiIdentifier = `${REF}-${uid()}`;
    await createProgramme(ctxFor(actor), form({ iatiIdentifier }));
    const error = (await createProgramme(ctxFor(actor), form({ iatiIdentifier })).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.details.field).toBe("iatiIdentifier");
  });

  describe("mint IATI identifiers under the publisher and keep them", () => {
    // A programme without a stored identifier is published as
    // <publisher's ref>-<code> (app/models/iati-identifier.server.ts).
    const refusal = async (p: Promise<unknown>) => {
      const error = (await p.catch((e: unknown) => e)) as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.details.field).toBe("iatiIdentifier");
      return english(error.message);
    };

    it("refuse a stored identifier outside the publisher's namespace", async () => {
      const before = await prisma.programme.count();
      for (const foreign of [`XM-DAC-928-HIRA-${uid()}`, `XX-CONCORD-${uid()}`, `${REF}${uid()}`]) {
        expect(await refusal(createProgramme(ctxFor(actor), form({ iatiIdentifier: foreign })))).toBe(
          `An IATI identifier here starts with the centre's organisation identifier and a hyphen: ${REF}-…`,
        );
      }
      expect(await prisma.programme.count()).toBe(before);
      const saved = await createProgramme(ctxFor(actor), form({ iatiIdentifier: `${REF}-${uid()}` }));
      expect(saved.iatiIdentifier).toMatch(new RegExp(`^${REF}-`));
    });

    it("refuse an identifier that another programme mints from its code", async () => {
      const holder = await createProgramme(ctxFor(actor), form({ code: `BY-${uid()}`.toUpperCase() }));
      const taken = `${REF}-${holder.code}`;
      expect(await refusal(createProgramme(ctxFor(actor), form({ iatiIdentifier: taken })))).toBe(
        `Programme ${holder.code} is already published as ${taken} (the centre's identifier and its code). Choose a different IATI identifier.`,
      );
      // Editing another programme to take it is refused too; the holder may store its own minted identifier.
      const other = await createProgramme(ctxFor(actor), form());
      await refusal(updateProgramme(ctxFor(actor), other.id, 1, form({ code: other.code, iatiIdentifier: taken })));
      expect(await updateProgramme(ctxFor(actor), holder.id, 1, form({ code: holder.code, iatiIdentifier: taken }))).toMatchObject({ id: holder.id });
    });

    it("refuse a programme whose minted identifier another programme stores", async () => {
      const code = `KZ-${uid()}`.toUpperCase();
      const stored = await createProgramme(ctxFor(actor), form({ iatiIdentifier: `${REF}-${code}` }));
      expect(await refusal(createProgramme(ctxFor(actor), form({ code })))).toBe(
        `Without an IATI identifier of its own, this programme would be published as ${REF}-${code}, which programme ${stored.code} already uses. Enter an IATI identifier for this programme.`,
      );
      const saved = await createProgramme(ctxFor(actor), form({ code, iatiIdentifier: `${REF}-${code}-2` }));
      expect(saved.iatiIdentifier).toBe(`${REF}-${code}-2`);
    });

    it("never change a published programme's identifier", async () => {
      const published = `${REF}-${uid()}`;
      const p = await createProgramme(ctxFor(actor), form({ iatiIdentifier: published }));
      await prisma.programme.update({ where: { id: p.id }, data: { iatiFirstPublishedAt: new Date("2026-01-05T00:00:00Z") } });
      const message = `This programme has been published to IATI as ${published}: its identifier can no longer change.`;
      expect(await refusal(updateProgramme(ctxFor(actor), p.id, 1, form({ code: p.code, iatiIdentifier: `${REF}-${uid()}` })))).toBe(message);
      expect(await refusal(updateProgramme(ctxFor(actor), p.id, 1, form({ code: p.code, iatiIdentifier: "" })))).toBe(message);
      expect((await prisma.programme.findUniqueOrThrow({ where: { id: p.id } })).iatiIdentifier).toBe(published);
      // Other edits keep it.
      await updateProgramme(ctxFor(actor), p.id, 1, form({ code: p.code, iatiIdentifier: published, title: "Renamed" }));

      // Published under its minted identifier: a new code would change it, unless the old one is kept explicitly.
      const minted = await createProgramme(ctxFor(actor), form({ code: `UZ-${uid()}`.toUpperCase() }));
      await prisma.programme.update({ where: { id: minted.id }, data: { iatiFirstPublishedAt: new Date("2026-01-05T00:00:00Z") } });
      const newCode = `UZ-${uid()}`.toUpperCase();
      expect(await refusal(updateProgramme(ctxFor(actor), minted.id, 1, form({ code: newCode })))).toBe(
        `This programme has been published to IATI as ${REF}-${minted.code}: its identifier can no longer change.`,
      );
      const kept = await updateProgramme(ctxFor(actor), minted.id, 1, form({ code: newCode, iatiIdentifier: `${REF}-${minted.code}` }));
      expect(kept).toMatchObject({ id: minted.id });
      // Published activities stay marked; nothing else in this file publishes.
      await prisma.programme.updateMany({ where: { id: { in: [p.id, minted.id] } }, data: { iatiFirstPublishedAt: null } });
    });
  });

  it("turn a unique-constraint violation (two saves at once) into the same error as the check", async () => {
    // The database's own error, as a race between the check and the insert would raise it.
    const taken = await makeProgramme(prisma);
    const violation = await prisma.programme.create({ data: { code: taken.code, title: "Duplicate" } }).catch((e: unknown) => e);
    expect(uniqueViolationFields(violation)).toEqual(["code"]);
    expect(uniqueViolationFields(new Error("other"))).toBeNull();

    // Two creates racing: exactly one wins; the other is refused next to the code field.
    const code = `RACE-${uid()}`.toUpperCase();
    const results = await Promise.allSettled([createProgramme(ctxFor(actor), form({ code })), createProgramme(ctxFor(actor), form({ code }))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.reason).toBeInstanceOf(DomainError);
    expect((rejected.reason as DomainError).details.field).toBe("code");
  });

  it("refuse organisations and countries that do not exist", async () => {
    const bad = await createProgramme(ctxFor(actor), form({ organisations: [{ organisationId: "nope", role: "FUNDING" }] })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DomainError);
    expect((bad as DomainError).details.field).toBe("organisations.0.organisationId");
    // A valid ISO code not loaded as reference data.
    const missing = await createProgramme(ctxFor(actor), form({ countries: [{ countryCode: "NZ", percentage: "" }] })).catch((e: unknown) => e);
    expect((missing as DomainError).details.field).toBe("countries.0.countryCode");
  });

  it("keep an archived organisation already on a programme, but do not add one", async () => {
    const archived = await createOrganisation(prisma, { shortName: `OLD-${uid()}` });
    const created = await createProgramme(ctxFor(actor), form({ organisations: [{ organisationId: archived.id, role: "FUNDING" }] }));
    await prisma.organisation.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    await updateProgramme(ctxFor(actor), created.id, 1, form({ code: created.code, title: "Still funded", organisations: [{ organisationId: archived.id, role: "FUNDING" }] }));
    const refused = await createProgramme(ctxFor(actor), form({ organisations: [{ organisationId: archived.id, role: "FUNDING" }] })).catch((e: unknown) => e);
    expect((refused as DomainError).details.field).toBe("organisations.0.organisationId");
  });

  it("record what an edit changed, with list fields as sorted text", async () => {
    const created = await createProgramme(
      ctxFor(actor),
      form({
        title: "Before",
        organisations: [{ organisationId: koica.id, role: "FUNDING" }],
        countries: [{ countryCode: "BY", percentage: "" }],
        sectors: [{ sectorCode: "12110", percentage: "100" }],
      }),
    );
    const result = await updateProgramme(
      ctxFor(actor),
      created.id,
      1,
      form({
        code: created.code,
        title: "After",
        budgetAmount: "1500000.00", // the same amount: not a change
        organisations: [
          { organisationId: mohBy.id, role: "IMPLEMENTING" },
          { organisationId: koica.id, role: "FUNDING" },
        ],
        countries: [
          { countryCode: "KZ", percentage: "40" },
          { countryCode: "BY", percentage: "60" },
        ],
        sectors: [
          { sectorCode: "12220", percentage: "30" },
          { sectorCode: "12110", percentage: "70" },
        ],
      }),
    );
    expect(result.changed.sort()).toEqual(["countries", "organisations", "sectors", "title"]);
    const [latest] = await listHistory("Programme", created.id);
    expect(latest.action).toBe("update");
    expect(latest.changes).toEqual({
      title: { before: "Before", after: "After" },
      organisations: { before: [`${koica.shortName} (Funding)`], after: [`${koica.shortName} (Funding)`, `${mohBy.shortName} (Implementing)`].sort() },
      countries: { before: ["BY"], after: ["BY 60%", "KZ 40%"] },
      sectors: { before: ["12110 100%"], after: ["12110 70%", "12220 30%"] },
    });
    const row = await prisma.programme.findUniqueOrThrow({ where: { id: created.id }, include: { sectors: true } });
    expect(row.version).toBe(2);
    expect(row.sectors).toHaveLength(2);
  });

  it("keep the title and description in Russian and Korean as IATI narratives, and an edit keeps other languages", async () => {
    const created = await createProgramme(
      ctxFor(actor),
      form({ title: "Health financing", translations: { ru: { title: "Финансирование здравоохранения", description: "" }, ko: { title: "", description: "" } } }),
    );
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { title: "Финансирование здравоохранения" },
    });
    // A language the form does not edit (Kazakh, from an import) and another field stay.
    await prisma.programme.update({
      where: { id: created.id },
      data: { translations: { ru: { title: "Финансирование здравоохранения", objectives: "Цели" }, kk: { title: "Денсаулық сақтауды қаржыландыру" } } },
    });
    const result = await updateProgramme(
      ctxFor(actor),
      created.id,
      1,
      form({ code: created.code, title: "Health financing", translations: { ru: { title: "", description: "" }, ko: { title: "보건재정", description: "설명" } } }),
    );
    expect(result.changed).toEqual(["translations"]);
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { objectives: "Цели" },
      kk: { title: "Денсаулық сақтауды қаржыландыру" },
      ko: { title: "보건재정", description: "설명" },
    });
    const [latest] = await listHistory("Programme", created.id);
    expect(latest.changes).toEqual({
      translations: {
        before: ["kk title: Денсаулық сақтауды қаржыландыру", "ru objectives: Цели", "ru title: Финансирование здравоохранения"],
        after: ["kk title: Денсаулық сақтауды қаржыландыру", "ko description: 설명", "ko title: 보건재정", "ru objectives: Цели"],
      },
    });
  });

  it("can change the code; the old one is then free", async () => {
    const created = await createProgramme(ctxFor(actor), form());
    const code = `NEW-CODE-${uid()}`.toUpperCase();
    const result = await updateProgramme(ctxFor(actor), created.id, 1, form({ code }));
    expect(result.code).toBe(code);
    expect(await getProgrammeRecord(staff, created.code)).toBeNull();
    expect((await getProgrammeRecord(staff, code))?.id).toBe(created.id);
  });

  it("refuse a stale edit, say what the other person changed, and change nothing", async () => {
    const created = await createProgramme(ctxFor(actor), form({ title: "Original", sectors: [{ sectorCode: "12110", percentage: "100" }] }));
    await updateProgramme(ctxFor(actor), created.id, 1, form({ code: created.code, title: "Saved first", sectors: [{ sectorCode: "12110", percentage: "100" }] }));
    const stale = updateProgramme(ctxFor(actor), created.id, 1, form({ code: created.code, title: "Saved second", sectors: [] }));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const error = (await stale.catch((e: unknown) => e)) as ConflictError;
    expect(error.changes.title).toEqual({ mine: "Original", theirs: "Saved first" });
    expect(error.current.updatedBy).toBe(actor.email);
    const row = await prisma.programme.findUniqueOrThrow({ where: { id: created.id }, include: { sectors: true } });
    expect(row.title).toBe("Saved first");
    expect(row.sectors).toHaveLength(1); // the stale edit's child rows were not written either
    expect(row.version).toBe(2);
  });

  it("refuse an edit that takes another programme's code", async () => {
    const a = await createProgramme(ctxFor(actor), form());
    const b = await createProgramme(ctxFor(actor), form());
    const error = (await updateProgramme(ctxFor(actor), b.id, 1, form({ code: a.code })).catch((e: unknown) => e)) as DomainError;
    expect(error.details.field).toBe("code");
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: b.id } })).code).toBe(b.code);
  });

  it("are archived and restored, with history, and leave the default list while archived", async () => {
    const created = await createProgramme(ctxFor(actor), form({ title: `Archivable ${uid()}` }));
    await setProgrammeArchived(ctxFor(actor), created.id, true);
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: created.id } })).archivedAt).not.toBeNull();
    expect((await list({ q: created.title })).rows).toHaveLength(0);
    expect((await list({ q: created.title, archived: "1" })).rows.map((r) => r.id)).toEqual([created.id]);
    await setProgrammeArchived(ctxFor(actor), created.id, false);
    expect((await list({ q: created.title })).rows.map((r) => r.id)).toEqual([created.id]);
    expect((await list({ q: created.title, archived: "1" })).rows).toHaveLength(0);
    expect((await listHistory("Programme", created.id)).map((h) => h.action)).toEqual(["restore", "archive", "create"]);
  });

  it("are not deleted while other records depend on them, which the refusal names", async () => {
    const created = await createProgramme(ctxFor(actor), form());
    const tag = uid();
    await addProgrammeDependents(prisma, created.id, tag);
    const refused = deleteProgramme(ctxFor(actor), created.id);
    await expect(refused).rejects.toBeInstanceOf(DependentsError);
    const message = ((await refused.catch((e: unknown) => e)) as DependentsError).message;
    for (const part of [
      `agreement “MoU ${tag}”`,
      `activity “Workshop ${tag}”`,
      `deliverable “Report ${tag}”`,
      `indicator “Hospitals trained ${tag}”`,
      "funding line “disbursement US$250,000.00 (2024)”",
      `document “Minutes ${tag}”`,
    ]) {
      expect(message).toContain(part);
    }
    expect(await prisma.programme.count({ where: { id: created.id } })).toBe(1);
  });

  it("are deleted with their organisation, country and sector rows when nothing depends on them", async () => {
    const created = await createProgramme(
      ctxFor(actor),
      form({
        organisations: [{ organisationId: koica.id, role: "FUNDING" }],
        countries: [{ countryCode: "UZ", percentage: "" }],
        sectors: [{ sectorCode: "12110", percentage: "100" }],
      }),
    );
    await deleteProgramme(ctxFor(actor), created.id);
    expect(await prisma.programme.count({ where: { id: created.id } })).toBe(0);
    expect(await prisma.programmeSector.count({ where: { programmeId: created.id } })).toBe(0);
    expect(await prisma.programmeOrganisation.count({ where: { programmeId: created.id } })).toBe(0);
    const [deleted] = await listHistory("Programme", created.id);
    expect(deleted).toMatchObject({ action: "delete", actorEmail: actor.email });
    expect(deleted.changes).toMatchObject({ code: created.code, sectors: ["12110 100%"] });
  });
});

describe("the programme list", () => {
  let tag: string;
  let by: { id: string; code: string };
  let kz: { id: string; code: string };
  let funder: { id: string; shortName: string };

  beforeAll(async () => {
    tag = uid();
    funder = await createOrganisation(prisma, { shortName: `HIRA-${tag}` });
    by = await createProgramme(
      ctxFor(actor),
      form({
        title: `Belarus DRG ${tag}`,
        status: "IMPLEMENTATION",
        plannedStart: "2019-01-01",
        plannedEnd: "2021-12-31",
        actualStart: "2019-11-27",
        actualEnd: "",
        budgetAmount: "500000",
        budgetCurrency: "USD",
        countries: [{ countryCode: "BY", percentage: "" }],
        organisations: [{ organisationId: funder.id, role: "IMPLEMENTING" }],
      }),
    );
    kz = await createProgramme(
      ctxFor(actor),
      form({
        title: `Kazakhstan cancer care ${tag}`,
        description: `Palliative care pathways (${tag})`,
        status: "PIPELINE",
        plannedStart: "2025-06-01",
        plannedEnd: "2027-05-31",
        budgetAmount: "900000",
        budgetCurrency: "USD",
        countries: [{ countryCode: "KZ", percentage: "" }],
      }),
    );
  });

  const codes = async (params: Record<string, string>) => (await list(params)).rows.map((r) => r.code);

  it("finds programmes by Russian and Korean country names, case-insensitively", async () => {
    expect(await codes({ q: "Беларусь" })).toContain(by.code);
    expect(await codes({ q: "беларусь" })).toContain(by.code);
    expect(await codes({ q: "БЕЛАРУСЬ" })).toContain(by.code);
    expect(await codes({ q: "беларусь" })).not.toContain(kz.code);
    expect(await codes({ q: "카자흐스탄" })).toContain(kz.code);
    expect(await codes({ q: "kazakh" })).toContain(kz.code);
  });

  it("finds programmes by organisation short name, code, title and description, case-insensitively", async () => {
    expect(await codes({ q: `hira-${tag}` })).toEqual([by.code]);
    expect(await codes({ q: by.code.toLowerCase() })).toEqual([by.code]);
    expect(await codes({ q: `belarus drg ${tag.toUpperCase()}` })).toEqual([by.code]);
    expect(await codes({ q: `PALLIATIVE CARE PATHWAYS (${tag})` })).toEqual([kz.code]);
  });

  it("filters by country, status, organisation and the planned or actual start", async () => {
    const mine = async (params: Record<string, string>) => (await codes(params)).filter((c) => c === by.code || c === kz.code).sort();
    expect(await mine({ country: "KZ" })).toEqual([kz.code]);
    expect(await mine({ status: "PIPELINE" })).toEqual([kz.code]);
    expect(await mine({ organisation: funder.id })).toEqual([by.code]);
    // By actual start (2019-11-27) and by planned start (2025-06-01).
    expect(await mine({ from: "2019-11-01", to: "2019-11-30" })).toEqual([by.code]);
    expect(await mine({ from: "2025-01-01" })).toEqual([kz.code]);
    expect(await mine({ to: "2018-12-31" })).toEqual([]);
  });

  it("sorts by the actual start, else the planned one, and by budget within a currency", async () => {
    const order = async (params: Record<string, string>) => (await codes({ q: tag, ...params })).filter((c) => c === by.code || c === kz.code);
    expect(await order({ sort: "start", dir: "asc" })).toEqual([by.code, kz.code]);
    expect(await order({ sort: "start", dir: "desc" })).toEqual([kz.code, by.code]);
    expect(await order({ sort: "budget", dir: "desc" })).toEqual([kz.code, by.code]);
    expect(await order({ sort: "code", dir: "asc" })).toEqual([by.code, kz.code].sort());
  });

  it("pages the rows but counts them all", async () => {
    const query = parseListQuery(new URLSearchParams({ q: tag, sort: "start" }), { ...PROGRAMME_LIST, perPage: 1 });
    const first = await listProgrammeRows(staff, query);
    expect(first.total).toBe(2);
    expect(first.rows.map((r) => r.code)).toEqual([by.code]);
    const second = await listProgrammeRows(staff, { ...query, page: 2 });
    expect(second.rows.map((r) => r.code)).toEqual([kz.code]);
  });

  it("shows partners only their countries' programmes", async () => {
    const rows = (await listProgrammeRows({ kind: "partner", countries: ["KZ"] }, parseListQuery(new URLSearchParams({ q: tag }), PROGRAMME_LIST))).rows;
    expect(rows.map((r) => r.code)).toEqual([kz.code]);
  });
});
