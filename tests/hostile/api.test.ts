import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import * as activitiesOne from "~/routes/api.v1.activities.$id";
import * as activitiesList from "~/routes/api.v1.activities";
import * as agreementsOne from "~/routes/api.v1.agreements.$id";
import * as agreementsList from "~/routes/api.v1.agreements";
import * as deliverablesOne from "~/routes/api.v1.deliverables.$id";
import * as deliverablesList from "~/routes/api.v1.deliverables";
import * as fundingOne from "~/routes/api.v1.funding.$id";
import * as fundingList from "~/routes/api.v1.funding";
import * as indicatorsOne from "~/routes/api.v1.indicators.$id";
import * as indicatorsList from "~/routes/api.v1.indicators";
import * as outcomesOne from "~/routes/api.v1.outcomes.$id";
import * as organisationsOne from "~/routes/api.v1.organisations.$id";
import * as organisationsList from "~/routes/api.v1.organisations";
import * as outcomesList from "~/routes/api.v1.outcomes";
import * as programmesOne from "~/routes/api.v1.programmes.$code";
import * as programmesList from "~/routes/api.v1.programmes";
import * as reportsOne from "~/routes/api.v1.progress-reports.$id";
import * as reportsList from "~/routes/api.v1.progress-reports";
import * as requirementsOne from "~/routes/api.v1.reporting-requirements.$id";
import * as requirementsList from "~/routes/api.v1.reporting-requirements";
import { cleanText } from "~/schemas/fields";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";
import { apiCaller, apiTokenFor } from "../support/api-call";
import { CORPUS, sampleCorpus } from "./corpus";
import { createFixture, exact, RECORD_FORMS, type Fixture, type RecordForm } from "./records";

// Issue 19, point 7: the hostile-input corpus (tests/hostile/corpus.ts) sent
// through every create and update of the JSON API, with the field lists of
// the forms (RECORD_FORMS in records.ts: the API's field names are the
// form's). For every record type in API_TYPES:
// - free text, the corpus in all free-text fields at once: either
//   stored and read back as sent (after the documented normalisation,
//   cleanText and trimming, as from a form), or refused with a
//   problem+json 400 naming free-text fields, nothing saved;
// - strict fields (codes, amounts, shares), a sample each on its own:
//   accepted when the value happens to be valid, else a 400 naming the field
//   (or its row group), never a 500;
// - updates: a sample in all free-text fields of an existing record, read
//   back as sent or refused with the record unchanged;
// - "__proto__" and "constructor" keys in a body change nothing (neither the
//   record nor Object.prototype).
// The table maps a RECORD_FORMS name to its API: one line per type. The
// reporting records (issue 18) have no page in RECORD_FORMS (their forms
// live under a programme), so their lines carry their field lists; a
// progress report has no create (its requirement's periods make it): its
// corpus goes through PATCH (saving the draft) only.

type Route = { loader: Function; action: Function };
/** What the suite needs of a form when its type is not in RECORD_FORMS. */
type ApiFields = Pick<RecordForm, "name" | "freeText" | "strict" | "fresh"> & { model: "reportingRequirement" | "progressReport" };
type ApiType = { base: string; list: Route; one: Route; param: "id" | "code"; key: (f: Fixture) => string; fields?: ApiFields; create?: false };
const api = (base: string, list: Route, one: Route, key: (f: Fixture) => string, param: "id" | "code" = "id", more: Partial<ApiType> = {}): ApiType => ({ base, list, one, param, key, ...more });
let reporting: { requirementId: string; reportId: string };

const API_TYPES: Record<string, ApiType> = {
  programme: api("/api/v1/programmes", programmesList, programmesOne, (f) => f.programme.code, "code"),
  activity: api("/api/v1/activities", activitiesList, activitiesOne, (f) => f.activityId),
  deliverable: api("/api/v1/deliverables", deliverablesList, deliverablesOne, (f) => f.deliverableId),
  outcome: api("/api/v1/outcomes", outcomesList, outcomesOne, (f) => f.outcomeId),
  indicator: api("/api/v1/indicators", indicatorsList, indicatorsOne, (f) => f.indicatorId),
  organisation: api("/api/v1/organisations", organisationsList, organisationsOne, (f) => f.organisationId),
  agreement: api("/api/v1/agreements", agreementsList, agreementsOne, (f) => f.agreementId),
  funding: api("/api/v1/funding", fundingList, fundingOne, (f) => f.fundingId),
  requirement: api("/api/v1/reporting-requirements", requirementsList, requirementsOne, () => reporting.requirementId, "id", {
    fields: {
      name: "requirement",
      model: "reportingRequirement",
      freeText: exact("title", "translations.ru.title", "translations.ko.title"),
      strict: exact("startDate", "endDate", "dueDays", "customPeriodEnds", "reporterCountryCode"),
    },
  }),
  // The report's own language is English (a draft's first save in English): its Russian and Korean narratives are translations.
  progressReport: api("/api/v1/progress-reports", reportsList, reportsOne, () => reporting.reportId, "id", {
    create: false,
    fields: {
      name: "progressReport",
      model: "progressReport",
      freeText: exact("narrative", "translations.ru.narrative", "translations.ko.narrative", "indicators.*.comment"),
      strict: exact("indicators.*.actualValue"),
    },
  }),
  // Documents are created by a multipart upload (the upload form's checks:
  // tests/db/api-documents.test.ts); their metadata's free text is the
  // document form's, sent here through the hostile e2e suite's upload form.
};

// The whole corpus goes to the programme (codes, row groups, narratives); the
// other types, whose text fields come from the same field builders
// (app/schemas/fields.ts), get a 200-string sample that keeps every family
// and the overlong strings, as tests/e2e/hostile-input.spec.ts does (CI
// time: the whole corpus costs 30-60 seconds a type on PGlite).
const FULL_CORPUS = new Set(["programme"]);

/** What the API adds to a record besides the form's fields: not sent back on a create. */
const NOT_FORM_FIELDS = ["id", "version", "archived", "updatedAt", "overdue", "lockedPeriods", "effectiveStatus"];

let fixture: Fixture;
let token: string;
let calls = 0;

/** The text a free-text field holds after `value` was sent: JSON carries it exactly; the schema cleans and trims it. */
const expectedStored = (value: string) => cleanText(value).trim();

type Json = Record<string, unknown>;

/** Leaf paths of a record as the form names them ("periods.0.targetComment"). */
function leaves(value: unknown, prefix = ""): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${prefix}${i}.`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, `${prefix}${k}.`));
  return [[prefix.slice(0, -1), value]];
}

function setPath(target: Json, path: string, value: unknown): Json {
  const copy = structuredClone(target);
  const parts = path.split(".");
  let at: Json = copy;
  for (const part of parts.slice(0, -1)) at = at[part] as Json;
  at[parts.at(-1)!] = value;
  return copy;
}

const getPath = (record: unknown, path: string) => path.split(".").reduce<unknown>((at, k) => (at as Json | undefined)?.[k], record);

/** Two fields of one row of a repeatable group: a row's rule may name its other field ("enter a label or choose an organisation"). */
const sameRow = (a: string, b: string) => /\.\d+\.[^.]+$/.test(a) && a.slice(0, a.lastIndexOf(".")) === b.slice(0, b.lastIndexOf("."));

const matches = (patterns: RegExp[], name: string) => patterns.some((p) => p.test(name));

function caller(t: ApiType) {
  const call = apiCaller(`http://concord.test${t.base}`);
  return async (route: Route, c: Parameters<typeof call>[1], key?: string) => {
    // The API allows 300 calls a minute per token; this suite makes thousands.
    if (++calls % 200 === 0) await prisma.rateLimit.deleteMany({ where: { key: { startsWith: "api:" } } });
    try {
      return await call(route, { token, ...c }, key === undefined ? {} : { [t.param]: key });
    } catch (error) {
      // A handler that throws anything but a Response or a DomainError is a 500.
      return { status: 500, type: "", body: { thrown: String(error) }, headers: new Headers() };
    }
  };
}

beforeAll(async () => {
  fixture = await createFixture(prisma);
  // A row in every repeatable group the types' forms have, so that row fields are sent too.
  await prisma.followUpAction.create({ data: { outcomeId: fixture.outcomeId, position: 0, description: "Hostile follow-up", status: "NOT_STARTED" } });
  await prisma.activityParticipantGroup.create({ data: { activityId: fixture.activityId, label: "Hostile group", total: 4, female: 2, male: 2, other: 0 } });
  const requirement = await createRequirementRecord(prisma, { programmeId: fixture.programme.id, country: "BY", title: "Hostile quarterly report" });
  const report = await createProgressReportRecord(prisma, requirement, { status: "DRAFT" });
  reporting = { requirementId: requirement.id, reportId: report.id };
  const { user } = await createUser(prisma, { role: "STAFF" });
  token = await apiTokenFor(ctxFor({ id: user.id, email: user.email, role: "STAFF" }));
});

afterAll(async () => {
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: "api:" } } });
});

describe("hostile input through the JSON API", () => {
  it("has an API entry for every type it names, and those types' forms in RECORD_FORMS (or their own field lists)", () => {
    for (const [name, t] of Object.entries(API_TYPES)) {
      if (t.fields) expect(t.fields.name).toBe(name);
      else expect(RECORD_FORMS.map((f) => f.name)).toContain(name);
    }
  });

  for (const [name, t] of Object.entries(API_TYPES)) {
    it(`${name}: creates and updates take the corpus without a 500, storing free text as sent or refusing it by field`, async () => {
      const form = t.fields ?? (RECORD_FORMS.find((f) => f.name === name) as RecordForm);
      const call = caller(t);
      const problems: string[] = [];
      const model = prisma[form.model] as unknown as { count: () => Promise<number> };

      const stored = await call(t.one, {}, t.key(fixture));
      expect(stored.status, `GET ${t.base}/${t.key(fixture)}`).toBe(200);
      const base: Json = Object.fromEntries(Object.entries(stored.body as Json).filter(([k]) => !NOT_FORM_FIELDS.includes(k)));
      const paths = leaves(base).map(([p]) => p);
      const free = paths.filter((p) => matches(form.freeText, p));
      const strict = paths.filter((p) => matches(form.strict, p));
      // Every free-text field the form lists is in the record (rows included).
      for (const pattern of form.freeText) {
        if (/groups\\\./.test(pattern.source) && !/participantGroups/.test(pattern.source)) continue; // the report form's groups, not the activity's
        expect(free.some((p) => pattern.test(p)), `${name}: a field for ${pattern}`).toBe(true);
      }
      let fresh = 0;
      const createBody = (values: Json) => ({ ...base, ...(form.fresh?.(fresh++) ?? {}), ...values });
      const withAll = (record: Json, fields: string[], value: unknown) => fields.reduce((r, f) => setPath(r, f, value), record);

      const refusedByField = (res: { status: number; type: string; body: Json }, fields: string[], label: string) => {
        if (res.status !== 400) return problems.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (!res.type.includes("application/problem+json")) problems.push(`${label}: 400 is not problem+json`);
        const errors = Object.keys((res.body.errors as Json | undefined) ?? {});
        if (!errors.length) problems.push(`${label}: 400 names no field (${JSON.stringify(res.body).slice(0, 160)})`);
        for (const e of errors) if (!fields.some((f) => f === e || f.startsWith(`${e}.`) || sameRow(f, e))) problems.push(`${label}: 400 names ${e}, not one of the fields sent (nor their row)`);
      };

      // 1. The whole corpus in all free-text fields at once (a type without a create: POST is 405, nothing made).
      const before = await model.count();
      let created = 0;
      if (t.create === false) {
        expect((await call(t.list, { method: "POST", body: withAll(createBody({}), free, "x") })).status, `POST ${t.base}`).toBe(405);
        expect(await model.count()).toBe(before);
      }
      for (const s of t.create === false ? [] : FULL_CORPUS.has(name) ? CORPUS : sampleCorpus(200, name.length)) {
        const res = await call(t.list, { method: "POST", body: withAll(createBody({}), free, s.value) });
        if (res.status === 201) {
          created++;
          for (const f of free) {
            const got = getPath(res.body, f);
            if (got !== expectedStored(s.value)) problems.push(`${name}.${f} ${s.label}: read back ${JSON.stringify(String(got).slice(0, 60))}`);
          }
          const again = await call(t.one, {}, String((res.body as Json)[t.param]));
          if (JSON.stringify(again.body) !== JSON.stringify(res.body)) problems.push(`${name} ${s.label}: GET differs from the POST's answer`);
        } else refusedByField(res, free, `POST ${name} ${s.label}`);
      }
      expect(await model.count(), "records added = creates accepted").toBe(before + created);
      if (t.create !== false) expect(created, "most of the corpus is stored").toBeGreaterThan(100);

      // 2. Each strict field on its own with a sample (through a PATCH of the fixture's record when there is no create).
      for (const f of strict) {
        for (const s of sampleCorpus(8, f.length)) {
          if (t.create === false) {
            const current = (await call(t.one, {}, t.key(fixture))).body as Json;
            const res = await call(t.one, { method: "PATCH", body: setPath({ ...base, version: current.version }, f, s.value) }, t.key(fixture));
            if (res.status !== 200) refusedByField(res, [f], `PATCH ${name} [${f}] ${s.label}`);
            continue;
          }
          const res = await call(t.list, { method: "POST", body: setPath(createBody({}), f, s.value) });
          if (res.status !== 201) refusedByField(res, [f], `POST ${name} [${f}] ${s.label}`);
        }
      }

      // 3. Updates: a sample in all free-text fields of the fixture's record; a refusal changes nothing.
      for (const s of sampleCorpus(12, 1)) {
        const current = (await call(t.one, {}, t.key(fixture))).body as Json;
        const res = await call(t.one, { method: "PATCH", body: withAll({ ...base, version: current.version }, free, s.value) }, t.key(fixture));
        const after = (await call(t.one, {}, t.key(fixture))).body as Json;
        if (res.status === 200) {
          for (const f of free) if (getPath(after, f) !== expectedStored(s.value)) problems.push(`PATCH ${name}.${f} ${s.label}: read back ${JSON.stringify(String(getPath(after, f)).slice(0, 60))}`);
        } else {
          refusedByField(res, free, `PATCH ${name} ${s.label}`);
          if (JSON.stringify(after) !== JSON.stringify(current)) problems.push(`PATCH ${name} ${s.label}: refused but the record changed`);
        }
      }

      // 4. Prototype-pollution keys are data: they change neither the record nor Object.prototype.
      const polluting = (extra: Json) => ({ ...JSON.parse('{"__proto__": {"title": "polluted", "text": "polluted", "version": 99, "polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'), ...extra });
      const made = t.create === false ? null : await call(t.list, { method: "POST", body: polluting(createBody({})) });
      if (made) expect(made.status, `POST ${name} with __proto__ and constructor keys`).toBe(201);
      const current = (await call(t.one, {}, t.key(fixture))).body as Json;
      const patched = await call(t.one, { method: "PATCH", body: polluting({ version: current.version }) }, t.key(fixture));
      expect(patched.status, `PATCH ${name} with __proto__ and constructor keys`).toBe(200);
      for (const record of [...(made ? [made.body as Json] : []), patched.body as Json]) {
        for (const [f, v] of leaves(record)) if (v === "polluted" || v === "yes") problems.push(`${name}.${f} took a value from a __proto__ or constructor key`);
      }
      expect((patched.body as Json).version, "a __proto__ version is not the version").not.toBe(99);
      expect(({} as Json).polluted, "Object.prototype untouched").toBeUndefined();

      expect(problems).toEqual([]);
    }, 600_000);
  }
});
