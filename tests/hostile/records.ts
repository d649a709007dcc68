import type { PrismaClient } from "@prisma/client";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createActivity, createTestAgreement } from "../factories/activity";
import { createDeliverable, createOutcome } from "../factories/deliverable";
import { createDocumentRecord } from "../factories/document";
import { createFundingLine, createIndicator } from "../factories/results";

// The forms of the workspace that the hostile-input suite posts to: for each
// record type, where its create and edit forms are, how the created record is
// found from the redirect, and which of its text fields take free text (the
// whole corpus goes into these at once) and which are strictly formatted
// (codes, amounts, shares: each gets a sample of the corpus on its own and
// must refuse it cleanly). A text field the form renders that is in neither
// list fails the suite, so a new field cannot go untested.

export type Fixture = {
  programme: { id: string; code: string };
  organisationId: string;
  agreementId: string;
  activityId: string;
  deliverableId: string;
  outcomeId: string;
  indicatorId: string;
  fundingId: string;
  documentId: string;
};

export type RecordForm = {
  name: string;
  entityType: string;
  /** Prisma delegate name. */
  model: "programme" | "organisation" | "agreement" | "activity" | "deliverable" | "outcome" | "indicator" | "fundingLine" | "document";
  newUrl: string;
  editUrl: (f: Fixture) => string;
  /** The record's key from the redirect after a create (id, or code for programmes). */
  keyFrom: RegExp;
  keyField: "id" | "code";
  recordUrl: (key: string) => string;
  listPath: string;
  routeId: string;
  freeText: RegExp[];
  strict: RegExp[];
  /** Values that must differ on every create (unique codes and names). */
  fresh?: (i: number) => Record<string, string>;
  multipart?: boolean;
};

/** Field names; "*" stands for a row number ("periods.*.targetComment"). */
export const exact = (...names: string[]) => names.map((n) => new RegExp(`^${n.replace(/\./g, "\\.").replace(/\*/g, "\\d+")}$`));

export const RECORD_FORMS: RecordForm[] = [
  {
    name: "programme",
    entityType: "Programme",
    model: "programme",
    newUrl: "/programmes/new",
    editUrl: (f) => `/programmes/${f.programme.code}/edit`,
    keyFrom: /^\/programmes\/([^/?#]+)/,
    keyField: "code",
    recordUrl: (code) => `/programmes/${code}`,
    listPath: "/programmes",
    routeId: "routes/programmes._index",
    freeText: exact("title", "description", "objectives", "sourceNote", "translations.ru.title", "translations.ko.title", "translations.ru.description", "translations.ko.description"),
    strict: exact("code", "iatiIdentifier", "budgetAmount", "budgetCurrency", "countries.*.countryCode", "countries.*.percentage", "sectors.*.sectorCode", "sectors.*.percentage"),
    fresh: (i) => ({ code: `HX-${uid()}-${i}`.toUpperCase() }),
  },
  {
    name: "organisation",
    entityType: "Organisation",
    model: "organisation",
    newUrl: "/organisations/new",
    editUrl: (f) => `/organisations/${f.organisationId}/edit`,
    keyFrom: /^\/organisations\/([^/?#]+)/,
    keyField: "id",
    recordUrl: (id) => `/organisations/${id}`,
    listPath: "/organisations",
    routeId: "routes/organisations._index",
    freeText: exact("fullName", "description", "translations.ru.fullName", "translations.ko.fullName"),
    strict: exact("shortName", "iatiRef", "countryCode"),
    fresh: (i) => ({ shortName: `HX-${uid()}-${i}` }),
  },
  {
    name: "agreement",
    entityType: "Agreement",
    model: "agreement",
    newUrl: "/agreements/new",
    editUrl: (f) => `/agreements/${f.agreementId}/edit`,
    keyFrom: /^\/agreements\/([^/?#]+)/,
    keyField: "id",
    recordUrl: (id) => `/agreements/${id}`,
    listPath: "/agreements",
    routeId: "routes/agreements._index",
    freeText: exact("title", "reference", "description", "translations.ru.title", "translations.ko.title", "translations.ru.description", "translations.ko.description"),
    strict: exact("value", "currency"),
  },
  {
    name: "activity",
    entityType: "Activity",
    model: "activity",
    newUrl: "/activities/new",
    editUrl: (f) => `/activities/${f.activityId}/edit`,
    keyFrom: /^\/activities\/([^/?#]+)/,
    keyField: "id",
    recordUrl: (id) => `/activities/${id}`,
    listPath: "/activities",
    routeId: "routes/activities._index",
    freeText: exact("title", "description", "city", "participantsNote", "participantGroups.*.label", "groups.*.label", "translations.ru.title", "translations.ko.title", "translations.ru.description", "translations.ko.description"),
    strict: exact(
      "participantsTotal", "participantsFemale", "participantsMale", "participantsOther",
      "participantGroups.*.total", "participantGroups.*.female", "participantGroups.*.male", "participantGroups.*.other",
      "groups.*.total", "groups.*.female", "groups.*.male", "groups.*.other", "countryCode", "latitude", "longitude",
    ),
  },
  {
    name: "deliverable",
    entityType: "Deliverable",
    model: "deliverable",
    newUrl: "/deliverables/new",
    editUrl: (f) => `/deliverables/${f.deliverableId}/edit`,
    keyFrom: /^\/deliverables\/([^/?#]+)/,
    keyField: "id",
    recordUrl: (id) => `/deliverables/${id}`,
    listPath: "/deliverables",
    routeId: "routes/deliverables._index",
    freeText: exact("title", "description", "translations.ru.title", "translations.ko.title", "translations.ru.description", "translations.ko.description"),
    strict: [],
  },
  {
    name: "outcome",
    entityType: "Outcome",
    model: "outcome",
    newUrl: "/outcomes/new",
    editUrl: (f) => `/outcomes/${f.outcomeId}/edit`,
    keyFrom: /^\/outcomes\/([^/?#]+)/,
    keyField: "id",
    recordUrl: (id) => `/outcomes/${id}`,
    listPath: "/outcomes",
    routeId: "routes/outcomes._index",
    freeText: exact("text", "followUpNote", "followUps.*.description", "translations.ru.text", "translations.ko.text"),
    strict: [],
  },
  {
    name: "indicator",
    entityType: "Indicator",
    model: "indicator",
    newUrl: "/indicators/new",
    editUrl: (f) => `/indicators/${f.indicatorId}/edit`,
    keyFrom: /^\/indicators\/([^/?#]+)/,
    keyField: "id",
    recordUrl: (id) => `/indicators/${id}`,
    listPath: "/indicators",
    routeId: "routes/indicators._index",
    freeText: exact("title", "description", "unitLabel", "baselineComment", "periods.*.targetComment", "periods.*.actualComment", "translations.ru.title", "translations.ko.title", "translations.ru.description", "translations.ko.description"),
    strict: exact(
      "baselineValue", "baselineYear",
      "periods.*.targetValue", "periods.*.actualValue", "periods.*.targetFemale", "periods.*.targetMale",
      "periods.*.actualFemale", "periods.*.actualMale",
    ),
  },
  {
    name: "funding",
    entityType: "FundingLine",
    model: "fundingLine",
    newUrl: "/funding/new",
    editUrl: (f) => `/funding/${f.fundingId}/edit`,
    keyFrom: /^\/funding\/([^/?#]+)/,
    keyField: "id",
    recordUrl: (id) => `/funding/${id}`,
    listPath: "/funding",
    routeId: "routes/funding._index",
    freeText: exact("description"),
    strict: exact("amount", "currency", "fiscalYear", "providerActivityId", "receiverActivityId"),
  },
  {
    name: "document",
    entityType: "Document",
    model: "document",
    newUrl: "/documents/new",
    editUrl: (f) => `/documents/${f.documentId}/edit`,
    keyFrom: /^\/documents\/([^/?#]+)/,
    keyField: "id",
    recordUrl: (id) => `/documents/${id}`,
    listPath: "/documents",
    routeId: "routes/documents._index",
    freeText: exact("title", "description", "translations.ru.title", "translations.ko.title", "translations.ru.description", "translations.ko.description"),
    strict: [],
    multipart: true,
  },
];

/** One record of each type in a Belarusian programme, to open the edit forms with valid values. */
export async function createFixture(db: PrismaClient): Promise<Fixture> {
  const funder = await createOrganisation(db, { shortName: `HX-FUND-${uid()}` });
  const programme = await createProgramme(db, { countries: ["BY"], funders: [funder.id], title: `Hostile input programme ${uid()}` });
  const organisation = await createOrganisation(db, { shortName: `HX-ORG-${uid()}`, countryCode: "BY" });
  const agreement = await createTestAgreement(db, { programmeId: programme.id, title: `Hostile MoU ${uid()}` });
  const activity = await createActivity(db, {
    programmeId: programme.id,
    title: `Hostile workshop ${uid()}`,
    kind: "WORKSHOP",
    status: "COMPLETED",
    countryCode: "BY",
    city: "Minsk",
    actualStart: new Date("2024-10-02"),
    participants: { total: 10, female: 6, male: 4 },
  });
  const deliverable = await createDeliverable(db, { programmeId: programme.id, title: `Hostile roadmap ${uid()}`, status: "IN_PROGRESS" });
  const outcome = await createOutcome(db, { activityId: activity.id, text: `Hostile agreed step ${uid()}`, deliverableId: deliverable.id });
  const indicator = await createIndicator(db, {
    programmeId: programme.id,
    title: `Hostile indicator ${uid()}`,
    periods: [{ start: "2024-01-01", end: "2024-12-31", target: 5, actual: 3 }],
  });
  const funding = await createFundingLine(db, { programmeId: programme.id, providerOrgId: funder.id, description: "Hostile tranche" });
  const document = await createDocumentRecord(db, { programmeId: programme.id, shareable: true, title: `Hostile document ${uid()}` });
  return {
    programme: { id: programme.id, code: programme.code },
    organisationId: organisation.id,
    agreementId: agreement.id,
    activityId: activity.id,
    deliverableId: deliverable.id,
    outcomeId: outcome.id,
    indicatorId: indicator.id,
    fundingId: funding.id,
    documentId: document.id,
  };
}
