import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { runDueJobs } from "~/jobs/worker.server";
import { enqueueDocumentText } from "~/models/document-text.server";
import { search, type SearchKind } from "~/models/search.server";
import { prisma } from "~/utils/db.server";
import { createProgramme, uid } from "../factories";
import { createActivity, createAgreement, createDocument } from "../factories/deliverable";
import { putBlob } from "../factories/document";

// Issue 19 point 8, what full-text search misses (ADR 0040, second part):
// typos, partial words, identifier fragments, short Cyrillic and Hangul
// fragments (pg_trgm), and Russian titles typed in Latin letters
// (transliteration), on both databases, scoped exactly like the rest.
// Every query carries this file's token, so other files' records never match.

const staff: Scope = { kind: "staff" };
const partnerBy: Scope = { kind: "partner", countries: ["BY"] };
const partnerKz: Scope = { kind: "partner", countries: ["KZ"] };
const t = uid();
const ids: Record<string, string> = {};

const hitIds = async (scope: Scope, q: string, kind?: SearchKind) =>
  (await search({ scope, locale: "en" }, q, { kind })).groups.flatMap((g) => g.hits.map((h) => h.id));

beforeAll(async () => {
  const by = await createProgramme(prisma, { countries: ["BY"], code: `KOR-2019-${t}`.toUpperCase(), title: `Pharmacoeconomics capacity ${t}` });
  const kz = await createProgramme(prisma, { countries: ["KZ"], title: `Kazakh programme ${t}` });
  // A programme both countries' partners see: its records naming Kazakhstan are Kazakhstan's.
  const shared = await createProgramme(prisma, { countries: ["BY", "KZ"], title: `Shared programme ${t}` });
  ids.by = by.id;
  const ru = async (id: string, title: string) => prisma.activity.update({ where: { id }, data: { translations: { ru: { title } } } });
  const training = await createActivity(prisma, { programmeId: by.id, title: `Physician training ${t}` });
  await ru(training.id, `Программа обучения врачей ${t}`);
  const health = await createActivity(prisma, { programmeId: by.id, title: `Health sector study ${t}` });
  await ru(health.id, `Здравоохранение Беларуси ${t}`);
  const korean = await createActivity(prisma, { programmeId: by.id, title: `Study visit ${t}` });
  await prisma.activity.update({ where: { id: korean.id }, data: { translations: { ko: { title: `심사평가원 연수 ${t}` } } } });
  const agreement = await createAgreement(prisma, { programmeId: by.id, title: `Memorandum ${t}` });
  await prisma.agreement.update({ where: { id: agreement.id }, data: { reference: `HIRA-KZ-${t}-2024` } });
  // The same words in Kazakhstan's records: a partner in Belarus must never see them.
  const kzTraining = await createActivity(prisma, { programmeId: kz.id, title: `Physician training ${t} Almaty` });
  await ru(kzTraining.id, `Программа обучения врачей ${t} Алматы`);
  const kzShared = await createActivity(prisma, { programmeId: shared.id, title: `Pharmacoeconomics seminar ${t}`, countryCode: "KZ" });
  await ru(kzShared.id, `Фармакоэкономика семинар ${t}`);
  const kzDocument = await createDocument(prisma, { programmeId: kz.id, title: `Отчёт об обучении ${t}` });
  Object.assign(ids, { training: training.id, health: health.id, korean: korean.id, agreement: agreement.id, kzTraining: kzTraining.id, kzShared: kzShared.id, kzDocument: kzDocument.id });
});

describe("search: trigram matching and transliteration", () => {
  it("finds typos and partial words that full-text search misses", async () => {
    expect(await hitIds(staff, `Pharmacoeconomcs ${t}`, "programme")).toEqual([ids.by]);
    expect(await hitIds(staff, `pharmaco ${t}`, "programme")).toEqual([ids.by]);
    expect(await hitIds(staff, `Physican trainig ${t}`, "activity")).toEqual([ids.training, ids.kzTraining]);
    // A word nothing is near still finds nothing: each word must match.
    expect(await hitIds(staff, `Physician zzyzx ${t}`, "activity")).toEqual([]);
  });

  it("finds identifiers by a fragment", async () => {
    expect(await hitIds(staff, `KOR-2019-${t}`, "programme")).toEqual([ids.by]);
    expect(await hitIds(staff, `kor-2019-${t.slice(0, 5)}`, "programme")).toEqual([ids.by]);
    expect(await hitIds(staff, `HIRA-KZ-${t}`, "agreement")).toEqual([ids.agreement]);
    expect(await hitIds(staff, `${t}-2024`, "agreement")).toEqual([ids.agreement]);
  });

  it("finds short Cyrillic and Hangul fragments", async () => {
    expect(await hitIds(staff, `здравоохр ${t}`, "activity")).toEqual([ids.health]);
    expect(await hitIds(staff, `обучени ${t}`, "activity")).toEqual([ids.training, ids.kzTraining]);
    expect(await hitIds(staff, `심사평 ${t}`, "activity")).toEqual([ids.korean]);
    expect(await hitIds(staff, "심사평가", "activity")).toContain(ids.korean);
  });

  it("finds Russian titles typed in Latin letters (BGN/PCGN, other schemes nearly)", async () => {
    expect(await hitIds(staff, `Zdravookhranenie ${t}`, "activity")).toEqual([ids.health]);
    expect(await hitIds(staff, `obuchenie vrachey ${t}`, "activity")).toEqual([ids.training, ids.kzTraining]);
    // The passport scheme writes й as "i": close enough.
    expect(await hitIds(staff, `obuchenie vrachei ${t}`, "activity")).toEqual([ids.training, ids.kzTraining]);
    expect(await hitIds(staff, `Otchet ob obuchenii ${t}`, "document")).toEqual([ids.kzDocument]);
  });

  it("never shows a partner another country's record through any of these paths", async () => {
    const queries = [`Physican trainig ${t}`, `obuchenie vrachey ${t}`, `обучени ${t}`, `Farmakoekonomika ${t}`, `Pharmacoeconomcs seminar ${t}`, `Otchet ob obuchenii ${t}`];
    const foreign = [ids.kzTraining, ids.kzShared, ids.kzDocument];
    for (const q of queries) {
      const seen = await hitIds(partnerBy, q);
      expect(seen.filter((id) => foreign.includes(id)), q).toEqual([]);
    }
    expect(await hitIds(partnerBy, `obuchenie vrachey ${t}`)).toEqual([ids.training]);
    expect(await hitIds(partnerKz, `obuchenie vrachey ${t}`, "activity")).toEqual([ids.kzTraining]);
    expect(await hitIds(partnerKz, `Farmakoekonomika ${t}`, "activity")).toEqual([ids.kzShared]);
    expect(await hitIds(partnerKz, `Otchet ob obuchenii ${t}`, "document")).toEqual([ids.kzDocument]);
    expect(await hitIds({ kind: "donor", organisationIds: [] }, `obuchenie vrachey ${t}`)).toEqual([]);
  });

  it("corrects words through the word list, which follows renames, and finds typos of short words", async () => {
    // A title changed after creation: its new words are listed by the update trigger.
    const renamed = await createActivity(prisma, { programmeId: ids.by, title: `Seminar ${uid()}` });
    await prisma.activity.update({ where: { id: renamed.id }, data: { title: `Xylophonics ${t}` } });
    expect(await hitIds(staff, `Xylophonix ${t}`, "activity")).toEqual([renamed.id]);
    // Whole-title word similarity missed these (0.44 and 0.54 < 0.6); word to word they are near.
    const insured = await createActivity(prisma, { programmeId: ids.by, title: `Health insurance ${t}` });
    expect(await hitIds(staff, `helth insurence ${t}`, "activity")).toEqual([insured.id]);
  });

  it("never lets a correction from another country's record show that record to a partner", async () => {
    // "Almaty" is only in Kazakhstan's record: the typo is corrected to it, and the match stays scoped.
    expect(await hitIds(partnerBy, `Almatyy ${t}`)).toEqual([]);
    expect(await hitIds(partnerKz, `Almatyy ${t}`, "activity")).toEqual([ids.kzTraining]);
    expect(await hitIds(staff, `Almatyy ${t}`, "activity")).toEqual([ids.kzTraining]);
  });

  it("keeps a document's text in scope for partners", async () => {
    const kz = await createProgramme(prisma, { countries: ["KZ"] });
    const bytes = Buffer.from(`Протокол заседания ${t}-protokol`, "utf8");
    const sha256 = await putBlob(bytes);
    const doc = await prisma.document.create({
      data: { programmeId: kz.id, sha256, originalName: `minutes-${uid()}.txt`, mimeType: "text/plain; charset=utf-8", sizeBytes: bytes.length, categoryCode: "A07", title: `Minutes ${uid()}` },
    });
    await prisma.$transaction((tx) => enqueueDocumentText(tx, doc));
    await runDueJobs();
    expect(await hitIds(partnerKz, `протокол ${t}-protokol`, "document")).toEqual([doc.id]);
    expect(await hitIds(partnerBy, `протокол ${t}-protokol`, "document")).toEqual([]);
  });

  it("ranks an exact title first, then titles containing the words, then descriptions; near misses only when nothing is spelled so", async () => {
    const p = await createProgramme(prisma, { countries: ["BY"] });
    const w = `Tariffication${t}`;
    const typo = await createActivity(prisma, { programmeId: p.id, title: `Tarification${t} plan` });
    const described = await createActivity(prisma, { programmeId: p.id, title: `Seminar ${uid()}` });
    await prisma.activity.update({ where: { id: described.id }, data: { description: `About ${w} and more` } });
    const longer = await createActivity(prisma, { programmeId: p.id, title: `Reform of ${w} in hospitals` });
    const exact = await createActivity(prisma, { programmeId: p.id, title: w });
    expect(await hitIds(staff, w, "activity")).toEqual([exact.id, longer.id, described.id]);
    // Spelled so nowhere: the near misses, the typo among them.
    const near = await hitIds(staff, `Tarrification${t}`, "activity");
    expect(near).toEqual(expect.arrayContaining([exact.id, longer.id, typo.id]));
    expect(near).not.toContain(described.id);
  });
});
