import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { programmeChildScopeSql, type ChildKind, type Scope } from "~/auth/scope.server";
import { search, SEARCH_MAX_LENGTH, type SearchKind } from "~/models/search.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createActivity, createAgreement, createDeliverable, createDocument, createOutcome } from "../factories/deliverable";
import { createActivityRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";
import { createMultiCountryProgramme } from "../factories/multi-country";
import { createIndicator } from "../factories/results";

// Issue 19 point 8: one search over every kind, scoped like the pages.
// Each record carries a token of its own so other files' data never matches.

const staff: Scope = { kind: "staff" };
const t = uid();
let by: { id: string; code: string };
let kz: { id: string; code: string };
let fund: { id: string };
let ids: Record<string, string> = {};

beforeAll(async () => {
  fund = await createOrganisation(prisma, { shortName: `FUND-${t}` });
  by = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: `Drug pricing reform ${t}` });
  kz = await createProgramme(prisma, { countries: ["KZ"], title: `Kazakh tariff ${t}` });
  await prisma.programme.update({
    where: { id: by.id },
    data: { translations: { ru: { title: `Реформа ценообразования лекарств ${t}` } } },
  });
  const agreement = await createAgreement(prisma, { programmeId: by.id, title: `Memorandum ${t}` });
  await prisma.agreement.update({ where: { id: agreement.id }, data: { reference: `REF-${t}-77` } });
  const activity = await createActivity(prisma, { programmeId: by.id, title: `Study visit ${t}` });
  await prisma.activity.update({
    where: { id: activity.id },
    data: { description: `Visit to the 건강보험심사평가원 ${t}`, translations: { ko: { title: `연수 방문 ${t}` } } },
  });
  const deliverable = await createDeliverable(prisma, { programmeId: by.id, title: `Costing manual ${t}` });
  const outcome = await createOutcome(prisma, { activityId: activity.id, text: `Agreed roadmap ${t}` });
  const indicator = await createIndicator(prisma, { programmeId: by.id, title: `Coverage rate ${t}` });
  const document = await createDocument(prisma, { programmeId: by.id, title: `Final report ${t}` });
  await prisma.document.update({ where: { id: document.id }, data: { originalName: `hta_${t}_final.pdf` } });
  const org = await createOrganisation(prisma, { shortName: `HIRA-${t}` });
  await prisma.organisation.update({ where: { id: org.id }, data: { iatiRef: `KR-GOV-${t}` } });
  const foreign = await createActivity(prisma, { programmeId: kz.id, title: `Study visit ${t} Almaty` });
  ids = { agreement: agreement.id, activity: activity.id, deliverable: deliverable.id, outcome: outcome.id, indicator: indicator.id, document: document.id, organisation: org.id, foreign: foreign.id };
});

const en = (scope: Scope) => ({ scope, locale: "en" as const });
const hitIds = async (scope: Scope, q: string, kind?: SearchKind) =>
  (await search(en(scope), q, { kind })).groups.flatMap((g) => g.hits.map((h) => h.id));

describe("search", () => {
  it("finds each kind by its title, identifier or file name", async () => {
    expect(await hitIds(staff, `Drug pricing ${t}`, "programme")).toEqual([by.id]);
    expect(await hitIds(staff, `REF-${t}-77`, "agreement")).toEqual([ids.agreement]);
    expect(await hitIds(staff, `Costing manual ${t}`, "deliverable")).toEqual([ids.deliverable]);
    expect(await hitIds(staff, `roadmap ${t}`, "outcome")).toEqual([ids.outcome]);
    expect(await hitIds(staff, `Coverage ${t}`, "indicator")).toEqual([ids.indicator]);
    expect(await hitIds(staff, `hta_${t}`, "document")).toEqual([ids.document]);
    expect(await hitIds(staff, `KR-GOV-${t}`, "organisation")).toEqual([ids.organisation]);
    const all = await search(en(staff), `Study visit ${t}`);
    expect(all.counts.activity).toBe(2);
    expect(all.groups.map((g) => g.kind)).toEqual(["activity"]);
  });

  it("finds Cyrillic and Hangul text in translations and descriptions, and answers in the reader's language", async () => {
    // A Russian word form other than the stored one: the russian stemmer.
    expect(await hitIds(staff, `ценообразование ${t}`, "programme")).toEqual([by.id]);
    const ko = await search({ scope: staff, locale: "ko" }, "연수 방문", { kind: "activity" });
    expect(ko.groups[0].hits.map((h) => [h.id, h.title])).toEqual([[ids.activity, `연수 방문 ${t}`]]);
    // A Hangul word inside a longer one (no Korean parser: substring match).
    expect(await hitIds(staff, "심사평가원", "activity")).toContain(ids.activity);
    const ru = await search({ scope: staff, locale: "ru" }, `Drug pricing ${t}`, { kind: "programme" });
    expect(ru.groups[0].hits[0].title).toBe(`Реформа ценообразования лекарств ${t}`);
  });

  it("finds English word forms and updates the index when a record changes", async () => {
    expect(await hitIds(staff, `study visits ${t}`, "activity")).toContain(ids.activity);
    await prisma.deliverable.update({ where: { id: ids.deliverable }, data: { translations: { ru: { title: `Методичка по калькуляции ${t}` } } } });
    expect(await hitIds(staff, `методичка ${t}`, "deliverable")).toEqual([ids.deliverable]);
  });

  it("ranks a title match above a description match", async () => {
    const other = await createActivity(prisma, { programmeId: by.id, title: `Seminar ${t}` });
    await prisma.activity.update({ where: { id: other.id }, data: { description: `on tariffs-${t}` } });
    const titled = await createActivity(prisma, { programmeId: by.id, title: `Tariffs-${t} workshop` });
    expect(await hitIds(staff, `tariffs-${t}`, "activity")).toEqual([titled.id, other.id]);
  });

  it("shows a partner only its countries' records and a donor only funded programmes'", async () => {
    const partnerBy: Scope = { kind: "partner", countries: ["BY"] };
    const partnerKz: Scope = { kind: "partner", countries: ["KZ"] };
    expect(await hitIds(partnerBy, `Study visit ${t}`, "activity")).toEqual([ids.activity]);
    expect(await hitIds(partnerKz, `Study visit ${t}`, "activity")).toEqual([ids.foreign]);
    const donor: Scope = { kind: "donor", organisationIds: [fund.id] };
    expect(await hitIds(donor, `Study visit ${t}`, "activity")).toEqual([ids.activity]);
    expect(await hitIds({ kind: "donor", organisationIds: [] }, `Study visit ${t}`, "activity")).toEqual([]);
    // Organisation pages are staff pages.
    expect(await hitIds(partnerBy, `KR-GOV-${t}`)).toEqual([]);
    const links = (await search(en(partnerBy), `Costing manual ${t}`)).groups[0].hits[0].href;
    expect(links).toBe(`/portal/deliverables/${ids.deliverable}`);
    expect((await search(en(donor), `Costing manual ${t}`)).groups[0].hits[0].href).toBe(`/programmes/${by.code}`);
  });

  it("lists a partner's programmes once: every live record of its own, the country rules in shared ones, nothing without any", async () => {
    // ADR 0040, fourth part: the programmes are listed first, whole (no
    // other country) or shared; the result is still exactly the scope's.
    const w = `Listed ${uid()}`;
    const own = await createProgramme(prisma, { countries: ["BY"], title: `Own ${w}` });
    const shared = await createProgramme(prisma, { countries: ["BY", "KZ"], title: `Shared ${w}` });
    const live = await createActivity(prisma, { programmeId: own.id, title: `${w} live` });
    const archived = await createActivity(prisma, { programmeId: own.id, title: `${w} archived`, archived: true });
    const liveOutcome = await createOutcome(prisma, { activityId: live.id, text: `${w} outcome` });
    await createOutcome(prisma, { activityId: archived.id, text: `${w} outcome of archived` });
    const mine = await createActivity(prisma, { programmeId: shared.id, title: `${w} in Minsk`, countryCode: "BY" });
    const nobody = await createActivity(prisma, { programmeId: shared.id, title: `${w} for all` });
    const theirs = await createActivity(prisma, { programmeId: shared.id, title: `${w} in Almaty`, countryCode: "KZ" });
    const partnerBy: Scope = { kind: "partner", countries: ["BY"] };
    const sorted = async (scope: Scope, kind: SearchKind) => (await hitIds(scope, w, kind)).sort();
    expect(await sorted(partnerBy, "activity")).toEqual([live.id, mine.id, nobody.id].sort());
    expect(await sorted(partnerBy, "outcome")).toEqual([liveOutcome.id]);
    expect(await sorted(partnerBy, "programme")).toEqual([own.id, shared.id].sort());
    expect(await sorted({ kind: "partner", countries: ["KZ"] }, "activity")).toEqual([nobody.id, theirs.id].sort());
    expect((await search(en(staff), w)).counts.activity).toBe(5);
    // A partner whose countries have no programme, and one with no country, find nothing.
    for (const countries of [["UZ"], []]) {
      const none = await search(en({ kind: "partner", countries }), w);
      expect([none.groups, Object.values(none.counts).every((n) => n === 0)]).toEqual([[], true]);
    }
  });

  it("applies the country rules of a shared programme to every kind exactly as the pages' scope does", async () => {
    // A programme shared by Belarus and Kazakhstan with records of every kind
    // for one country, the other and none (tests/factories/multi-country.ts),
    // plus archived ones: a Belarusian activity with a live outcome, and an
    // archived deliverable. Every title carries the word; each kind's search
    // must list exactly what programmeChildScopeSql (the pages' scope) lets
    // each partner see.
    const mc = await createMultiCountryProgramme(prisma);
    const w = `Ruleword${uid().replace(/[^a-z0-9]/gi, "")}`;
    const archivedActivity = await createActivityRecord(prisma, mc.programme.id, { title: "Archived activity", archived: true });
    await prisma.activity.update({ where: { id: archivedActivity.id }, data: { countryCode: "BY" } });
    const outcomeOfArchived = await createOutcomeRecord(prisma, archivedActivity.id, { text: "Outcome of an archived activity" });
    const archivedDeliverable = await createDeliverableRecord(prisma, mc.programme.id, { title: "Archived deliverable", archived: true });
    for (const table of ["Agreement", "Activity", "Deliverable", "Indicator", "Document"]) {
      await prisma.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET title = title || ' ' || ${w} WHERE "programmeId" = ${mc.programme.id}`;
    }
    await prisma.$executeRaw`UPDATE "Outcome" o SET text = o.text || ' ' || ${w} FROM "Activity" a WHERE a.id = o."activityId" AND a."programmeId" = ${mc.programme.id}`;

    const kinds = ["agreement", "activity", "deliverable", "outcome", "indicator", "document"] as const;
    const tables: Record<(typeof kinds)[number], string> = {
      agreement: "Agreement",
      activity: "Activity",
      deliverable: "Deliverable",
      outcome: "Outcome",
      indicator: "Indicator",
      document: "Document",
    };
    const scoped = async (scope: Scope, kind: (typeof kinds)[number]) => {
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        SELECT r.id FROM ${Prisma.raw(`"${tables[kind]}" r`)}
        WHERE ${programmeChildScopeSql(scope, kind as ChildKind, "r")} AND r."searchText" LIKE ${`%${w.toLowerCase()}%`}`;
      return rows.map((row) => row.id).sort();
    };
    // The scope itself, so that the comparison below cannot pass by both being empty.
    const byPartner: Scope = { kind: "partner", countries: ["BY"] };
    expect(await scoped(byPartner, "activity")).toEqual([mc.by.activity, mc.shared.activity].sort());
    expect(await scoped(byPartner, "outcome")).toEqual([mc.by.outcome, mc.shared.outcome].sort());
    expect((await scoped(byPartner, "outcome")).includes(outcomeOfArchived.id)).toBe(false);
    expect((await scoped(byPartner, "deliverable")).includes(archivedDeliverable.id)).toBe(false);

    for (const countries of [["BY"], ["KZ"], ["BY", "KZ"], ["BY", "UZ"]]) {
      const scope: Scope = { kind: "partner", countries };
      for (const kind of kinds) {
        const found = (await search(en(scope), w, { kind })).groups.flatMap((g) => g.hits.map((h) => h.id)).sort();
        expect({ countries, kind, found }).toEqual({ countries, kind, found: await scoped(scope, kind) });
      }
    }
  });

  it("counts each kind to 200 on the all-kinds page, titles containing the word first; a kind's own page counts on to 2000 by the scope's rules", async () => {
    // ADR 0040, fifth part. 205 activities with the word in their
    // descriptions only, then one with it in its title (stored last, so read
    // last by a plain scan): the all-kinds page ranks the first 201 matches
    // read, and the title one must be among them.
    const w = `Capword${uid().replace(/[^a-z0-9]/gi, "")}`;
    const own = await createProgramme(prisma, { countries: ["BY"], title: `Own cap ${t}` });
    const shared = await createProgramme(prisma, { countries: ["BY", "KZ"], title: `Shared cap ${t}` });
    await prisma.activity.createMany({
      data: Array.from({ length: 205 }, (_, i) => ({
        programmeId: own.id,
        title: `Session ${i} ${t}`,
        description: `Notes on ${w} number ${i}`,
        kind: "WORKSHOP" as const,
        status: "PLANNED" as const,
      })),
    });
    const titled = await createActivity(prisma, { programmeId: own.id, title: `${w} review` });
    const mine = await createActivity(prisma, { programmeId: shared.id, title: `Minsk visit ${t}`, countryCode: "BY" });
    await prisma.activity.update({ where: { id: mine.id }, data: { description: `About ${w}` } });
    const theirs = await createActivity(prisma, { programmeId: shared.id, title: `Almaty visit ${t}`, countryCode: "KZ" });
    await prisma.activity.update({ where: { id: theirs.id }, data: { description: `About ${w}` } });
    const partnerBy: Scope = { kind: "partner", countries: ["BY"] };

    for (const scope of [staff, partnerBy]) {
      const all = await search(en(scope), w);
      expect([all.counts.activity, all.caps.activity]).toEqual([201, 200]);
      expect(all.groups.find((g) => g.kind === "activity")?.hits[0].id).toBe(titled.id);
    }
    // The kind's own page: every match within 2000, the shared programme's by the country rules.
    const page = await search(en(partnerBy), w, { kind: "activity" });
    expect([page.counts.activity, page.caps.activity, page.pageCount]).toEqual([207, 2000, 11]);
    expect(page.groups[0].hits[0].id).toBe(titled.id);
    const last = await search(en(partnerBy), w, { kind: "activity", page: 11 });
    const seen = new Set<string>();
    for (let n = 1; n <= 11; n++) for (const hit of (await search(en(partnerBy), w, { kind: "activity", page: n })).groups[0].hits) seen.add(hit.id);
    expect([seen.size, seen.has(mine.id), seen.has(theirs.id), last.groups[0].hits.length]).toEqual([207, true, false, 7]);
    expect((await search(en(staff), w, { kind: "activity" })).counts.activity).toBe(208);
  });

  it("takes hostile queries as text", async () => {
    for (const q of ["", "   ", "'", '"', "a & | ! ( ) :*", "%", "_", "\\", "<script>", "'); DROP TABLE \"Programme\"; --", "\u0000x"]) {
      const result = await search(en(staff), q);
      expect(result.counts.programme).toBeGreaterThanOrEqual(0);
    }
    // LIKE wildcards are text, not "anything".
    expect((await search(en(staff), "%%%")).groups).toEqual([]);
    const huge = await search(en(staff), `Drug pricing ${t} ${"x".repeat(5000)}`);
    expect(huge.q.length).toBeLessThanOrEqual(SEARCH_MAX_LENGTH);
    expect((await search(en(staff), "")).groups).toEqual([]);
  });

  it("pages through one kind", async () => {
    for (let i = 0; i < 22; i++) await createIndicator(prisma, { programmeId: by.id, title: `Paged ${t} ${i}` });
    const first = await search(en(staff), `Paged ${t}`, { kind: "indicator", page: 1 });
    const second = await search(en(staff), `Paged ${t}`, { kind: "indicator", page: 2 });
    expect([first.counts.indicator, first.pageCount, first.groups[0].hits.length, second.groups[0].hits.length]).toEqual([22, 2, 20, 2]);
    expect((await search(en(staff), `Paged ${t}`, { kind: "indicator", page: 9 })).groups[0].hits).toEqual([]);
  });
});
