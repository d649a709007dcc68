import { expect } from "vitest";
import type { ZodTypeAny } from "zod";
import { serverTranslator } from "~/i18n/catalogues.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { prisma } from "~/utils/db.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { createOrganisation, createUser } from "../factories";
import { apiCaller, apiTokenFor } from "./api-call";

// The callers the record APIs' tests use (tests/db/api-*.test.ts, helper APIB):
// a staff member with a writing and a read-only token, a Belarus partner's
// token and the token of a donor whose organisation (`fund`) the test makes a
// funder of its Belarus programme.

export type ApiIdentities = { staff: Ctx; staffToken: string; readOnlyToken: string; partnerToken: string; donorToken: string; fund: { id: string } };

export async function apiIdentities(): Promise<ApiIdentities> {
  const s = await createUser(prisma, { role: "STAFF" });
  const staff = ctxFor({ id: s.user.id, email: s.user.email, role: "STAFF" });
  const p = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  const fund = await createOrganisation(prisma);
  const d = await createUser(prisma, { role: "DONOR", organisationIds: [fund.id] });
  return {
    staff,
    staffToken: await apiTokenFor(staff),
    readOnlyToken: await apiTokenFor(staff, true),
    partnerToken: await apiTokenFor(ctxFor({ id: p.user.id, email: p.user.email, role: "PARTNER" }, { kind: "partner", countries: ["BY"] })),
    donorToken: await apiTokenFor(ctxFor({ id: d.user.id, email: d.user.email, role: "DONOR" }, { kind: "donor", organisationIds: [fund.id] })),
    fund,
  };
}

/** The write's audit event names the token ("writer") and, when given, its owner. */
export async function expectAuditedWithToken(entityType: string, entityId: string, action: string, actorId?: string) {
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType, entityId, action }, orderBy: { at: "desc" } });
  if (actorId) expect(audit.actorId).toBe(actorId);
  expect(audit.metadata).toMatchObject({ apiToken: { name: "writer" } });
}

/** The form's own field messages for these values (its schema's refusal), as the form shows them in Russian. */
export function russianFormMessages(schema: ZodTypeAny, values: unknown): Record<string, string> {
  const parsed = schema.safeParse(values);
  expect(parsed.success).toBe(false);
  const ru = serverTranslator("ru");
  return Object.fromEntries(Object.entries(zodErrorsToFieldErrors(parsed.error!)).map(([k, v]) => [k, ru.text(v)]));
}

/**
 * POST <archive route> for record `id`: refused to the read-only token (403,
 * the record unchanged), done by the writer (archived, audited with the
 * token named).
 */
export async function expectArchivedOnlyByWriter(
  call: ReturnType<typeof apiCaller>,
  route: Parameters<ReturnType<typeof apiCaller>>[0],
  who: Pick<ApiIdentities, "staffToken" | "readOnlyToken">,
  record: { id: string; entityType: string; archived: () => Promise<boolean> },
) {
  expect((await call(route, { token: who.readOnlyToken, method: "POST" }, { id: record.id })).status).toBe(403);
  expect(await record.archived()).toBe(false);
  const archived = await call(route, { token: who.staffToken, method: "POST" }, { id: record.id });
  expect(archived.body).toMatchObject({ id: record.id, archived: true });
  expect(await record.archived()).toBe(true);
  await expectAuditedWithToken(record.entityType, record.id, "archive");
  return archived;
}
