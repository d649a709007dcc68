import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Each test file gets its own uploads directory, set before the app's modules read the environment.
const uploads = await vi.hoisted(async () => {
  const fsMod = await import("node:fs");
  const osMod = await import("node:os");
  const pathMod = await import("node:path");
  const dir = fsMod.mkdtempSync(pathMod.join(osMod.tmpdir(), "concord-api-doc-hostile-"));
  process.env.CONCORD_UPLOADS_DIR = dir;
  return dir;
});

import { ctxFor } from "~/models/ctx.server";
import * as oneRoute from "~/routes/api.v1.documents.$id";
import * as listRoute from "~/routes/api.v1.documents";
import { cleanText } from "~/schemas/fields";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";
import { pdfBytes } from "../factories/document";
import { apiCaller, apiContext, apiTokenFor } from "../support/api-call";
import { sampleCorpus } from "./corpus";
import { createFixture, RECORD_FORMS, type Fixture } from "./records";

// Issue 19, point 7, for documents: the other record types take the corpus as
// JSON (api.test.ts); a document is created by a multipart upload, so here the
// corpus goes into the upload's free-text parts (the document form's fields,
// RECORD_FORMS "document") and into a JSON PATCH of its metadata. Either stored
// as sent (after cleanText and trimming, as from the form) or refused with a
// problem+json 400 naming those fields; never a 500; a refusal saves nothing.

const FREE = RECORD_FORMS.find((f) => f.name === "document")!.freeText;
const FIELDS = ["title", "description", "translations.ru.title", "translations.ko.title", "translations.ru.description", "translations.ko.description"];
const expectedStored = (value: string) => cleanText(value).trim();
const getPath = (record: unknown, path: string) => path.split(".").reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], record);

let fixture: Fixture;
let token: string;
let calls = 0;

async function resetLimits() {
  // The API allows 300 calls a minute per token; this suite makes hundreds.
  if (++calls % 100 === 0) await prisma.rateLimit.deleteMany({ where: { key: { startsWith: "api:" } } });
}

async function upload(fields: Record<string, string>, n: number) {
  await resetLimits();
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("file", new Blob([new Uint8Array(pdfBytes(`hostile ${n}`))]), `hostile-${n}.pdf`);
  const request = new Request("http://concord.test/api/v1/documents", { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
  try {
    const res = await listRoute.action({ request, params: {}, context: apiContext });
    const text = await res.text();
    return { status: res.status, type: res.headers.get("content-type") ?? "", body: text ? JSON.parse(text) : null };
  } catch (error) {
    return { status: 500, type: "", body: { thrown: String(error) } };
  }
}

const call = apiCaller("http://concord.test/api/v1/documents");

beforeAll(async () => {
  fixture = await createFixture(prisma);
  const { user } = await createUser(prisma, { role: "STAFF" });
  token = await apiTokenFor(ctxFor({ id: user.id, email: user.email, role: "STAFF" }));
});

afterAll(async () => {
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: "api:" } } });
  fs.rmSync(uploads, { recursive: true, force: true });
});

describe("hostile input through the JSON API: documents", () => {
  it("names every free-text field of the document form", () => {
    for (const f of FIELDS) expect(FREE.some((p) => p.test(f)), f).toBe(true);
    expect(FREE.length).toBe(FIELDS.length);
  });

  it("uploads and metadata updates take the corpus without a 500, storing free text as sent or refusing it by field", async () => {
    const problems: string[] = [];
    const refusedByField = (res: { status: number; type: string; body: Record<string, unknown> }, label: string) => {
      if (res.status !== 400) return problems.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      if (!res.type.includes("application/problem+json")) problems.push(`${label}: 400 is not problem+json`);
      const errors = Object.keys((res.body.errors as Record<string, unknown> | undefined) ?? {});
      if (!errors.length) problems.push(`${label}: 400 names no field`);
      for (const e of errors) if (!FIELDS.some((f) => f === e || f.startsWith(`${e}.`))) problems.push(`${label}: 400 names ${e}, not a field sent`);
    };

    // 1. Uploads with the corpus in every free-text part at once.
    const before = await prisma.document.count();
    let created = 0;
    let n = 0;
    for (const s of sampleCorpus(80, 8)) {
      const fields = Object.fromEntries(FIELDS.map((f) => [f, s.value]));
      const res = await upload({ programmeId: fixture.programme.id, categoryCode: "A07", ...fields }, n++);
      if (res.status === 201) {
        created++;
        for (const f of FIELDS) {
          const got = getPath(res.body, f);
          if (got !== expectedStored(s.value)) problems.push(`upload ${f} ${s.label}: read back ${JSON.stringify(String(got).slice(0, 60))}`);
        }
      } else refusedByField(res, `upload ${s.label}`);
    }
    expect(await prisma.document.count(), "documents added = uploads accepted").toBe(before + created);
    expect(created, "most of the sample is stored").toBeGreaterThan(40);

    // 2. Metadata updates (JSON PATCH) of the fixture's document; a refusal changes nothing.
    for (const s of sampleCorpus(30, 9)) {
      await resetLimits();
      const current = (await call(oneRoute, { token }, { id: fixture.documentId })).body as Record<string, unknown>;
      const translations = { ru: { title: s.value, description: s.value }, ko: { title: s.value, description: s.value } };
      const res = await call(oneRoute, { method: "PATCH", token, body: { version: current.version, title: s.value, description: s.value, translations } }, { id: fixture.documentId });
      const after = (await call(oneRoute, { token }, { id: fixture.documentId })).body as Record<string, unknown>;
      if (res.status === 200) {
        for (const f of FIELDS) if (getPath(after, f) !== expectedStored(s.value)) problems.push(`PATCH ${f} ${s.label}: read back ${JSON.stringify(String(getPath(after, f)).slice(0, 60))}`);
      } else {
        refusedByField(res, `PATCH ${s.label}`);
        if (JSON.stringify(after) !== JSON.stringify(current)) problems.push(`PATCH ${s.label}: refused but the record changed`);
      }
    }

    expect(problems).toEqual([]);
  }, 600_000);
});
