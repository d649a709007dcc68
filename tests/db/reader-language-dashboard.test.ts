import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "~/auth/session.server";
import { buildCalendar } from "~/components/dashboard/calendar";
import { needsAttention, parseMonth, utcToday } from "~/models/dashboard.server";
import { allMonthActivities as monthActivities } from "../support/month-activities";
import { readerView } from "~/i18n/narrative";
import { listDonorProgrammes } from "~/models/donor.server";
import { loader as donorLoader } from "~/routes/donor._index";
import { loader as workspaceLoader } from "~/routes/workspace._index";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, ensureCountries } from "../factories";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";
import { createIndicator } from "../factories/results";

// Issue 7, item 3: the staff dashboard and the donor home show record titles
// in the reader's language when the record has them, else the record's own.

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const today = utcToday();
// A country no other test uses, so a partner scope of it sees only these records.
const COUNTRY = "TV";
const partner = { kind: "partner" as const, countries: [COUNTRY] };

const ids = {} as Record<"programme" | "overdue" | "dueSoon" | "agreement" | "visit" | "plain" | "outcome" | "future", string>;

async function translate(model: "programme" | "deliverable" | "agreement" | "activity" | "outcome", id: string, translations: Prisma.InputJsonObject) {
  // The delegates share this shape; one cast keeps the helper short.
  const delegate = prisma[model] as unknown as { update: (a: { where: { id: string }; data: { translations: Prisma.InputJsonObject } }) => Promise<unknown> };
  await delegate.update({ where: { id }, data: { translations } });
}

async function session(role: "STAFF" | "DONOR", organisationIds: string[] = []): Promise<string> {
  const staff = role === "STAFF";
  const user = await prisma.user.create({
    data: {
      email: `reader-language-${role.toLowerCase()}-${randomBytes(4).toString("hex")}@test.concord`,
      name: `Reader language ${role.toLowerCase()}`,
      role,
      passwordHash: null,
      ...(staff ? { totpSecret: randomBytes(20).toString("hex"), totpEnabledAt: new Date() } : {}),
      organisations: { create: organisationIds.map((organisationId) => ({ organisationId })) },
    },
  });
  return (await startSession(user.id, { ip: "127.0.0.1", userAgent: "vitest" }, { mfaVerified: staff })).split(";")[0]!;
}

function get(path: string, cookie: string, lang: string) {
  return new Request(`http://localhost${path}`, { headers: { cookie: `${cookie}; concord_lang=${lang}` } });
}

async function loaderJson(loader: (args: LoaderFunctionArgs) => Promise<Response>, request: Request) {
  const response = await loader({ request, params: {}, context: { clientIp: "127.0.0.1", cspNonce: "vitest", dataRequest: true } });
  const text = await response.text();
  return { text, data: JSON.parse(text) };
}

beforeAll(async () => {
  await ensureCountries(prisma, [COUNTRY]);
  const programme = await createProgramme(prisma, { countries: [COUNTRY], title: "Water supply programme" });
  ids.programme = programme.id;
  // The latest start of all, so the dashboard's "latest programmes" table lists it.
  await prisma.programme.update({ where: { id: programme.id }, data: { plannedStart: new Date("2100-01-01") } });
  await translate("programme", programme.id, { ru: { title: "Программа водоснабжения" }, ko: { title: "상수도 프로그램" } });

  // Due on the earliest day any test uses, so it heads the overdue panel.
  ids.overdue = (await createDeliverableRecord(prisma, programme.id, { title: "Tariff methodology", dueDate: "1900-01-02" })).id;
  await translate("deliverable", ids.overdue, { ru: { title: "Методика тарифов" } });
  ids.dueSoon = (await createDeliverableRecord(prisma, programme.id, { title: "Training plan", dueDate: new Date(today.getTime() + 3 * DAY) })).id;
  await translate("deliverable", ids.dueSoon, { ru: { title: "План обучения" }, ko: { title: "교육 계획" } });
  ids.agreement = (await createAgreementRecord(prisma, programme.id, { title: "Memorandum on water", expiresOn: new Date(today.getTime() + 10 * DAY) })).id;
  await translate("agreement", ids.agreement, { ru: { title: "Меморандум о водоснабжении" } });

  ids.visit = (await createActivityRecord(prisma, programme.id, { title: "Study visit", actualStart: today })).id;
  await translate("activity", ids.visit, { ru: { title: "Ознакомительный визит" } });
  // No translations: every reader sees its own title.
  ids.plain = (await createActivityRecord(prisma, programme.id, { title: "Plain workshop", actualStart: today })).id;
  ids.outcome = (await createOutcomeRecord(prisma, ids.visit, { text: "Draft the by-law" })).id;
  await translate("outcome", ids.outcome, { ru: { text: "Подготовить проект положения" } });
  ids.future = (await createActivityRecord(prisma, programme.id, { title: "Future seminar", actualStart: "2100-01-15" })).id;
  await translate("activity", ids.future, { ru: { title: "Будущий семинар" } });
});

describe("staff dashboard in the reader's language", () => {
  it("shows each panel's titles in Russian to a Russian reader, and the records' own to an English one", async () => {
    const stored = await needsAttention(partner);
    const ru = readerView(stored, "ru");
    expect(ru.overdue.items.map((d) => [d.title, d.programme.title])).toEqual([["Методика тарифов", "Программа водоснабжения"]]);
    expect(ru.dueSoon.items.map((d) => d.title)).toEqual(["План обучения"]);
    expect(ru.expiring.items.map((x) => [x.title, x.programme.title])).toEqual([["Меморандум о водоснабжении", "Программа водоснабжения"]]);
    expect(ru.outcomesWithoutFollowUp.items.map((o) => [o.text, o.activity.title])).toEqual([["Подготовить проект положения", "Ознакомительный визит"]]);
    expect(ru.activitiesThisMonth.items.map((a) => a.title).sort()).toEqual(["Plain workshop", "Ознакомительный визит"]);
    // The counts and dates are untouched.
    expect(ru.overdue.count).toBe(1);
    expect(ru.today).toEqual(stored.today);

    const en = readerView(stored, "en");
    expect(en.overdue.items[0]!.title).toBe("Tariff methodology");
    expect(en.outcomesWithoutFollowUp.items[0]).toMatchObject({ text: "Draft the by-law", activity: { title: "Study visit" } });
    expect(en.activitiesThisMonth.items.map((a) => a.title).sort()).toEqual(["Plain workshop", "Study visit"]);

    // Korean where the record has it, else its own text.
    const ko = readerView(stored, "ko");
    expect(ko.dueSoon.items[0]).toMatchObject({ title: "교육 계획", programme: { title: "상수도 프로그램" } });
    expect(ko.overdue.items[0]!.title).toBe("Tariff methodology");
  });

  it("lays out the calendar with the reader's titles and sends no narratives", async () => {
    const month = parseMonth(iso(today).slice(0, 7));
    const ru = readerView(await monthActivities(partner, month), "ru");
    const calendar = buildCalendar(month.year, month.month, ru);
    const onToday = calendar.weeks.flat().find((d) => d.date === iso(today))!;
    expect(onToday.entries.map((e) => e.activity.title).sort()).toEqual(["Plain workshop", "Ознакомительный визит"]);
    expect(ru.every((a) => !("translations" in a) && !("lang" in a) && !("translations" in a.programme))).toBe(true);
  });

  it("the workspace loader answers a Russian reader in Russian and an English one in English", async () => {
    const cookie = await session("STAFF");
    const path = "/workspace?month=2100-01";
    const ru = await loaderJson(workspaceLoader, get(path, cookie, "ru"));
    expect(ru.data.programmes.find((p: { id: string }) => p.id === ids.programme)?.title).toBe("Программа водоснабжения");
    expect(ru.data.attention.overdue.items.find((d: { id: string }) => d.id === ids.overdue)?.title).toBe("Методика тарифов");
    // The calendar sends each activity once; its days name them by id.
    type Sent = { weeks: { date: string; entries: { id: string }[] }[][]; activities: Record<string, { title: string }> };
    const onDay = (calendar: Sent, date: string) => calendar.weeks.flat().find((d) => d.date === date)!.entries.map((e) => e.id);
    expect(onDay(ru.data.calendar, "2100-01-15")).toContain(ids.future);
    expect((ru.data.calendar as Sent).activities[ids.future]?.title).toBe("Будущий семинар");
    // The narratives stay on the server.
    expect(ru.text).not.toContain('"translations"');

    const en = await loaderJson(workspaceLoader, get(path, cookie, "en"));
    expect(en.data.programmes.find((p: { id: string }) => p.id === ids.programme)?.title).toBe("Water supply programme");
    expect(en.data.attention.overdue.items.find((d: { id: string }) => d.id === ids.overdue)?.title).toBe("Tariff methodology");
    expect(onDay(en.data.calendar, "2100-01-15")).toContain(ids.future);
    expect((en.data.calendar as Sent).activities[ids.future]?.title).toBe("Future seminar");
  });
});

describe("donor home in the reader's language", () => {
  let donorOrg: string;
  let programmeId: string;

  beforeAll(async () => {
    donorOrg = (await createOrganisation(prisma, { shortName: `RL-FUND-${randomBytes(3).toString("hex")}` })).id;
    programmeId = (await createProgramme(prisma, { title: "Primary health care", funders: [donorOrg] })).id;
    await translate("programme", programmeId, { ru: { title: "Первичная медико-санитарная помощь" } });
    const indicator = await createIndicator(prisma, { programmeId, title: "Clinics renovated", measure: "UNIT" });
    await prisma.indicator.update({ where: { id: indicator.id }, data: { translations: { ru: { title: "Отремонтировано поликлиник" } } } });
    await createIndicator(prisma, { programmeId, title: "Nurses trained", measure: "UNIT" });
  });

  it("lists the funded programmes and their indicators in the reader's language", async () => {
    const scope = { kind: "donor" as const, organisationIds: [donorOrg] };
    const [ru] = await listDonorProgrammes(scope, "ru");
    expect(ru!.title).toBe("Первичная медико-санитарная помощь");
    expect(ru!.indicators.map((i) => i.title).sort()).toEqual(["Nurses trained", "Отремонтировано поликлиник"]);
    const [en] = await listDonorProgrammes(scope, "en");
    expect(en!.title).toBe("Primary health care");
    expect(en!.indicators.map((i) => i.title).sort()).toEqual(["Clinics renovated", "Nurses trained"]);
    // No language asked: the records' own texts.
    expect((await listDonorProgrammes(scope))[0]!.title).toBe("Primary health care");
  });

  it("the donor loader answers in the reader's language", async () => {
    const cookie = await session("DONOR", [donorOrg]);
    const ru = await loaderJson(donorLoader, get("/donor", cookie, "ru"));
    expect(ru.data.programmes.map((p: { title: string }) => p.title)).toEqual(["Первичная медико-санитарная помощь"]);
    expect(ru.text).not.toContain('"translations"');
    const en = await loaderJson(donorLoader, get("/donor", cookie, "en"));
    expect(en.data.programmes.map((p: { title: string }) => p.title)).toEqual(["Primary health care"]);
  });
});
