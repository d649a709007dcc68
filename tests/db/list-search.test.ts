import { beforeAll, describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import type { Scope } from "~/auth/scope.server";
import { ACTIVITY_LIST, listActivities } from "~/models/activity.server";
import { AGREEMENT_LIST, listAgreements } from "~/models/agreement.server";
import { recordAudit } from "~/models/audit.server";
import { AUDIT_LIST, listAuditEvents } from "~/models/audit-log.server";
import { DELIVERABLE_LIST, listDeliverables } from "~/models/deliverable.server";
import { DOCUMENT_LIST, listDocuments } from "~/models/document.server";
import { FUNDING_LIST, listFunding } from "~/models/funding.server";
import { INDICATOR_LIST, listIndicators } from "~/models/indicator.server";
import { listOrganisations, ORGANISATION_LIST } from "~/models/organisation-admin.server";
import { listOutcomes, OUTCOME_LIST } from "~/models/outcome.server";
import { listProgrammeRows, PROGRAMME_LIST } from "~/models/programme-admin.server";
import { listUsers, USER_LIST } from "~/models/user-admin.server";
import { prisma } from "~/utils/db.server";
import { escapeLike, parseListQuery, type ListSpec } from "~/utils/list-query";
import { createOrganisation, createProgramme, createUser, uid } from "../factories";
import { createActivity, createAgreement, createDeliverable, createDocument, createOutcome } from "../factories/deliverable";
import { createFundingLine, createIndicator } from "../factories/results";

// A list search matches what was typed, literally: `%` and `_` (LIKE's
// wildcards) and the backslash (its escape) find only themselves, on every
// list that has a search box.

const staff: Scope = { kind: "staff" };
let programmeId: string;
let activityId: string;
let auditor: string;

beforeAll(async () => {
  programmeId = (await createProgramme(prisma, { title: "Plain programme" })).id;
  activityId = (await createActivity(prisma, { programmeId, title: "Plain workshop" })).id;
  auditor = (await createUser(prisma, { role: "STAFF" })).user.id;
});

type Case = {
  list: string;
  /** Makes a record whose searched text is `text`; returns its id. */
  make: (text: string) => Promise<string>;
  search: (q: string) => Promise<string[]>;
};

const ids = async (p: Promise<{ rows: { id: string }[] }>) => (await p).rows.map((r) => r.id);
const q = <F extends string>(spec: ListSpec<F>, value: string) => parseListQuery(new URLSearchParams({ q: value }), spec);

const CASES: Case[] = [
  {
    list: "programmes",
    make: async (text) => (await createProgramme(prisma, { title: text })).id,
    search: (v) => ids(listProgrammeRows(staff, q(PROGRAMME_LIST, v), true)),
  },
  {
    list: "agreements",
    make: async (text) => (await createAgreement(prisma, { programmeId, title: text })).id,
    search: (v) => ids(listAgreements(staff, q(AGREEMENT_LIST, v), true)),
  },
  {
    list: "activities",
    make: async (text) => (await createActivity(prisma, { programmeId, title: text })).id,
    search: (v) => ids(listActivities(staff, q(ACTIVITY_LIST, v), true)),
  },
  {
    list: "deliverables",
    make: async (text) => (await createDeliverable(prisma, { programmeId, title: text })).id,
    search: (v) => ids(listDeliverables(staff, q(DELIVERABLE_LIST, v), true)),
  },
  {
    list: "outcomes",
    make: async (text) => (await createOutcome(prisma, { activityId, text })).id,
    search: (v) => ids(listOutcomes(staff, q(OUTCOME_LIST, v), true)),
  },
  {
    list: "documents",
    make: async (text) => (await createDocument(prisma, { programmeId, title: text })).id,
    search: (v) => ids(listDocuments(staff, q(DOCUMENT_LIST, v), true)),
  },
  {
    list: "indicators",
    make: async (text) => (await createIndicator(prisma, { programmeId, title: text })).id,
    search: (v) => ids(listIndicators(staff, q(INDICATOR_LIST, v), true)),
  },
  {
    list: "funding",
    make: async (text) => (await createFundingLine(prisma, { programmeId, description: text })).id,
    search: (v) => ids(listFunding(staff, q(FUNDING_LIST, v), true)),
  },
  {
    list: "organisations",
    make: async (text) => (await createOrganisation(prisma, { shortName: text })).id,
    search: (v) => ids(listOrganisations(q(ORGANISATION_LIST, v), true)),
  },
  {
    list: "users",
    make: async (text) => {
      const { user } = await createUser(prisma, { role: "STAFF" });
      await prisma.user.update({ where: { id: user.id }, data: { name: text } });
      return user.id;
    },
    search: (v) => ids(listUsers(q(USER_LIST, v), true)),
  },
  {
    list: "audit trail",
    make: async (text) => {
      // The actor's address as the searched text (the action, unlike most, has no underscore).
      const entityId = uid();
      await recordAudit({ actor: { id: auditor, email: text }, action: "export", entityType: "Report", entityId, ip: null });
      return (await prisma.auditEvent.findFirstOrThrow({ where: { entityId } })).id;
    },
    search: (v) => ids(listAuditEvents(q(AUDIT_LIST, v), serverTranslator("en"), true)),
  },
];

describe("escapeLike", () => {
  it("escapes LIKE's wildcards and its escape character, and nothing else", () => {
    expect(escapeLike("50% of a_b \\ c")).toBe("50\\% of a\\_b \\\\ c");
    expect(escapeLike("Минздрав 보건")).toBe("Минздрав 보건");
  });
});

describe.each(CASES)("searching the $list list", ({ make, search }) => {
  let percent: string;
  let underscore: string;
  let backslash: string;
  let plain: string;

  beforeAll(async () => {
    const tag = uid();
    percent = await make(`Coverage 100% ${tag}`);
    underscore = await make(`snake_case ${tag}`);
    backslash = await make(`C:\\path ${tag}`);
    plain = await make(`Plain words ${tag}`);
  });

  it("finds only a literal % for q=%", async () => {
    const found = await search("%");
    expect(found).toContain(percent);
    expect(found).not.toContain(plain);
    expect(found).not.toContain(underscore);
  });

  it("finds only a literal _ for q=_", async () => {
    const found = await search("_");
    expect(found).toContain(underscore);
    expect(found).not.toContain(plain);
    expect(found).not.toContain(percent);
  });

  it("finds a literal backslash, and wildcards inside a longer term stay literal", async () => {
    expect(await search("C:\\path")).toContain(backslash);
    expect(await search("100%")).toContain(percent);
    expect(await search("1_0")).not.toContain(percent);
    expect(await search("snake_case")).toContain(underscore);
    expect(await search("snake%case")).not.toContain(underscore);
  });
});
