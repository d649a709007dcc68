import { Prisma, type FundingKind } from "@prisma/client";
import AidType from "~/data/iati/codelists/AidType";
import CollaborationType from "~/data/iati/codelists/CollaborationType";
import FinanceType from "~/data/iati/codelists/FinanceType";
import FlowType from "~/data/iati/codelists/FlowType";
import TiedStatus from "~/data/iati/codelists/TiedStatus";
import { message } from "~/i18n/translate";
import { assertAdmin, type Ctx } from "~/models/ctx.server";
import { auditChange, snapshot } from "~/models/history.server";
import { programmeColumns } from "~/models/programme-admin.server";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { OrganisationFormSchema } from "~/schemas/organisation";
import type { IatiImportCreate, IatiImportLink } from "~/schemas/iati-import";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError, notFoundError, uniqueViolationFields } from "~/utils/errors.server";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { mergeNarratives } from "~/utils/narratives";
import { organisationTypeOf, previewActivity, programmeInput, type ImportPreview } from "./map.server";
import { IatiFileError, readIatiActivity, type IatiActivity } from "./parse.server";

// The IATI import's writes (issue 17, point 9), administrators only: they
// create organisations and set IATI identifiers, which every published file
// then carries. Creating writes the programme, its organisations, funding
// lines and indicators in ONE transaction (nothing half-saved), with the same
// rules as their forms (the preview checked each record with its schema) and
// one audit entry per record. The model functions of those records each open
// their own transaction, so they cannot be composed into one; the columns and
// audit entries written here are theirs.

/** The activity the form carried, parsed again with the file's limits. */
export function activityFromForm(xml: string): IatiActivity {
  try {
    return readIatiActivity(xml);
  } catch (error) {
    if (error instanceof IatiFileError) throw new DomainError("invalid", error.reason, { field: "_form" });
    throw error;
  }
}

const INCOMING: FundingKind[] = ["INCOMING_FUNDS", "INCOMING_COMMITMENT"];
const inList = (list: { items: { code: string }[] }, code: string | null) => (code && list.items.some((i) => i.code === code) ? code : undefined);

function alreadyImported(preview: ImportPreview): DomainError | null {
  const p = preview.existing.programmes[0];
  if (p) return new DomainError("invalid", message("iatiImport.v.alreadyProgramme", { code: p.code }), { field: "code" });
  const line = preview.existing.fundingLines[0];
  if (line) return new DomainError("invalid", message("iatiImport.v.alreadyLinked", { code: line.programmeCode }), { field: "code" });
  return null;
}

/** A short name no other organisation has: the file's name (or ref), numbered when taken. */
async function freeShortName(tx: Tx, base: string): Promise<string> {
  const stem = base.trim().slice(0, 72) || "IATI organisation";
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? stem : `${stem} (${n})`;
    if (!(await tx.organisation.findFirst({ where: { shortName: { equals: name, mode: "insensitive" } }, select: { id: true } }))) return name;
  }
  throw new DomainError("invalid", message("iatiImport.v.organisationName", { name: stem }), { field: "_form" });
}

/** Creates a programme (and what it needs) from the activity; returns its code. */
export async function createProgrammeFromIati(ctx: Ctx, input: IatiImportCreate): Promise<{ id: string; code: string }> {
  assertAdmin(ctx);
  const activity = activityFromForm(input.activityXml);
  const preview = await previewActivity(activity);
  const refusal = alreadyImported(preview);
  if (refusal) throw refusal;

  // Which Concord organisation each of the file's stands for: the administrator's choice, else the match by identifier, else a new one.
  const choices = new Map(input.organisations.map((o) => [o.key, o.link]));
  const chosenIds = [...new Set(input.organisations.map((o) => o.link).filter((l) => l && l !== "new"))];
  const chosen = chosenIds.length ? await prisma.organisation.findMany({ where: { id: { in: chosenIds }, archivedAt: null }, select: { id: true } }) : [];
  const plan = preview.organisations.map((o, i) => {
    const link = choices.get(o.key);
    if (link && link !== "new") {
      if (!chosen.some((c) => c.id === link)) throw new DomainError("invalid", message("validation.chooseItem"), { field: `organisations.${i}.link` });
      return { org: o, id: link as string | null };
    }
    return { org: o, id: o.match?.id ?? null };
  });
  // Only organisations the programme or one of its funding lines names are created (not, say, a publisher that is neither).
  const named = (key: string) => preview.funding.some((f) => f.form && (f.providerKey === key || f.receiverKey === key));
  const toCreate = plan.filter((p) => !p.id && (p.org.roles.length > 0 || named(p.org.key)));
  for (const p of toCreate) {
    const check = OrganisationFormSchema.safeParse({ shortName: p.org.name.slice(0, 80), fullName: p.org.name, iatiTypeCode: organisationTypeOf(p.org.type), iatiRef: p.org.ref ?? "" });
    if (!check.success) {
      const i = preview.organisations.indexOf(p.org);
      throw new DomainError("invalid", Object.values(zodErrorsToFieldErrors(check.error))[0], { field: `organisations.${i}.link` });
    }
  }

  // The programme's own values, checked by its form's schema; organisations with stand-in ids until they exist.
  const rows = plan.flatMap((p, i) => p.org.roles.map((role) => ({ organisationId: p.id ?? `new-${i}`, role })));
  const parsed = ProgrammeFormSchema.safeParse(await programmeInput(activity, input.code, rows));
  if (!parsed.success) {
    const errors = zodErrorsToFieldErrors(parsed.error);
    if (errors.code) throw new DomainError("invalid", errors.code, { field: "code" });
    throw new DomainError("invalid", Object.values(errors)[0], { field: "_form" });
  }
  const data = parsed.data;
  if (await prisma.programme.findFirst({ where: { code: { equals: data.code, mode: "insensitive" } }, select: { id: true } })) {
    throw new DomainError("invalid", message("programmeEdit.error.duplicateCode", { code: data.code }), { field: "code" });
  }
  const ownIdentifier = preview.reportingOrg.isPublisher ? activity.identifier : null;
  if (ownIdentifier && (await prisma.programme.findFirst({ where: { iatiIdentifier: ownIdentifier }, select: { id: true } }))) {
    throw new DomainError("invalid", message("programmeEdit.error.duplicateIati", { identifier: ownIdentifier }), { field: "code" });
  }

  try {
    return await prisma.$transaction(async (tx) => {
      const idByKey = new Map<string, string>();
      for (const p of plan) if (p.id) idByKey.set(p.org.key, p.id);
      for (const p of toCreate) {
        const org = await tx.organisation.create({
          data: {
            shortName: await freeShortName(tx, p.org.name.slice(0, 80)),
            fullName: p.org.name.slice(0, 300),
            iatiTypeCode: organisationTypeOf(p.org.type),
            iatiRef: p.org.ref,
            description: `From IATI activity ${activity.identifier}`,
          },
        });
        idByKey.set(p.org.key, org.id);
        await auditChange(tx, ctx, {
          action: "create", entityType: "Organisation", entityId: org.id,
          changes: snapshot(org, ["shortName", "fullName", "iatiTypeCode", "iatiRef", "description"]), version: org.version,
        });
      }
      const organisations = plan.flatMap((p) => p.org.roles.map((role) => ({ organisationId: idByKey.get(p.org.key)!, role })));
      const d = activity.defaults;
      const programme = await tx.programme.create({
        data: {
          // The programme form's columns (the file went through its schema), with the
          // identifier only when the file is the centre's own, and the file's IATI defaults.
          ...programmeColumns({
            ...data,
            iatiIdentifier: ownIdentifier ?? undefined,
            iatiAidType: inList(AidType, d.aidType) ?? data.iatiAidType,
            iatiFlowType: inList(FlowType, d.flowType) ?? data.iatiFlowType,
            iatiFinanceType: inList(FinanceType, d.financeType) ?? data.iatiFinanceType,
            iatiTiedStatus: inList(TiedStatus, d.tiedStatus) ?? data.iatiTiedStatus,
            iatiCollaborationType: inList(CollaborationType, d.collaborationType) ?? data.iatiCollaborationType,
          }),
          lang: activity.title.some((n) => n.lang === "en") ? "en" : activity.lang.slice(0, 8),
          translations: mergeNarratives({}, data.translations) as Prisma.InputJsonObject,
          organisations: { create: dedupe(organisations).map((o) => ({ organisationId: o.organisationId, role: o.role })) },
          countries: { create: data.countries.map((c) => ({ countryCode: c.countryCode, percentage: c.percentage ?? null })) },
          sectors: { create: data.sectors.map((s) => ({ sectorCode: s.sectorCode, percentage: s.percentage })) },
        },
      });
      await auditChange(tx, ctx, {
        action: "create", entityType: "Programme", entityId: programme.id,
        changes: {
          ...snapshot(programme, ["code", "title", "status", "description", "objectives", "plannedStart", "plannedEnd", "actualStart", "actualEnd", "iatiIdentifier", "sourceNote"]),
          organisations: organisations.map((o) => `${o.organisationId} (${o.role})`).sort(),
          countries: data.countries.map((c) => (c.percentage ? `${c.countryCode} ${c.percentage}%` : c.countryCode)).sort(),
          sectors: data.sectors.map((s) => `${s.sectorCode} ${s.percentage}%`).sort(),
        },
        version: programme.version,
      });
      await writeFunding(tx, ctx, activity, preview, programme.id, idByKey);
      await writeIndicators(tx, ctx, preview, programme.id);
      return { id: programme.id, code: programme.code };
    });
  } catch (error) {
    if (uniqueViolationFields(error)?.some((f) => /code/i.test(f))) {
      throw new DomainError("invalid", message("programmeEdit.error.duplicateCode", { code: data.code }), { field: "code" });
    }
    throw error;
  }
}

function dedupe<T extends { organisationId: string; role: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(`${r.organisationId}:${r.role}`) ? false : (seen.add(`${r.organisationId}:${r.role}`), true)));
}

async function writeFunding(tx: Tx, ctx: Ctx, activity: IatiActivity, preview: ImportPreview, programmeId: string, idByKey: Map<string, string>) {
  const transactions = activity.transactions;
  let t = 0;
  for (const row of preview.funding) {
    // Funding rows are budgets then transactions, in file order (map.server.ts).
    const source = row.source === "transaction" ? transactions[t++] : null;
    if (!row.form) continue;
    const f = row.form;
    // Traceability: the file's activity provided what it budgets, commits and
    // pays (to the centre or onwards); the file's own incoming funds and
    // commitments name their provider's activity, when the file does.
    const ownIncoming = source?.type === "1" || source?.type === "11";
    const providerActivityId = source?.provider?.activityId ?? (ownIncoming ? null : activity.identifier);
    const line = await tx.fundingLine.create({
      data: {
        programmeId,
        kind: f.kind,
        providerOrgId: row.providerKey ? (idByKey.get(row.providerKey) ?? null) : null,
        receiverOrgId: row.receiverKey ? (idByKey.get(row.receiverKey) ?? null) : null,
        fiscalYear: f.fiscalYear ?? null,
        periodStart: f.periodStart ?? null,
        periodEnd: f.periodEnd ?? null,
        transactionDate: f.transactionDate ?? null,
        valueDate: f.valueDate,
        amount: new Prisma.Decimal(f.amount),
        currency: f.currency,
        description: f.description ?? null,
        providerActivityId,
        receiverActivityId: source?.receiver?.activityId ?? null,
      },
    });
    await auditChange(tx, ctx, {
      action: "create", entityType: "FundingLine", entityId: line.id,
      changes: snapshot(line, ["kind", "providerOrgId", "receiverOrgId", "fiscalYear", "periodStart", "periodEnd", "transactionDate", "valueDate", "amount", "currency", "description", "providerActivityId", "receiverActivityId"]),
      version: line.version,
    });
  }
}

const decimal = (v: string | undefined) => (v === undefined ? null : new Prisma.Decimal(v));

async function writeIndicators(tx: Tx, ctx: Ctx, preview: ImportPreview, programmeId: string) {
  for (const row of preview.indicators) {
    const f = row.form;
    if (!f) continue;
    const created = await tx.indicator.create({
      data: {
        programmeId,
        resultType: f.resultType,
        measure: f.measure,
        title: f.title,
        description: f.description ?? null,
        ascending: f.ascending,
        baselineValue: decimal(f.baselineValue),
        baselineYear: f.baselineYear ?? null,
        baselineComment: f.baselineComment ?? null,
        translations: mergeNarratives({}, f.translations) as Prisma.InputJsonObject,
        periods: {
          create: f.periods.map((p) => ({
            periodStart: p.periodStart, periodEnd: p.periodEnd,
            targetValue: decimal(p.targetValue), actualValue: decimal(p.actualValue),
            targetFemale: decimal(p.targetFemale), targetMale: decimal(p.targetMale),
            actualFemale: decimal(p.actualFemale), actualMale: decimal(p.actualMale),
          })),
        },
      },
    });
    await auditChange(tx, ctx, {
      action: "create", entityType: "Indicator", entityId: created.id,
      changes: { ...snapshot(created, ["resultType", "measure", "title", "description", "ascending", "baselineValue", "baselineYear", "baselineComment"]), periods: f.periods.length },
      version: created.version,
    });
  }
}

/** Active organisations, for "link to an existing organisation" in the preview. */
export async function importOrganisationOptions() {
  return prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true, iatiRef: true }, orderBy: { shortName: "asc" } });
}

/** Incoming lines an activity may be linked to, by programme, for the link form (staff scope: every active programme). */
export async function linkableFundingLines() {
  return prisma.fundingLine.findMany({
    where: { kind: { in: INCOMING }, archivedAt: null, programme: { archivedAt: null } },
    select: {
      id: true, kind: true, amount: true, currency: true, transactionDate: true, valueDate: true, providerActivityId: true,
      programme: { select: { code: true, title: true } },
      provider: { select: { shortName: true, iatiRef: true } },
    },
    orderBy: [{ programme: { code: "asc" } }, { valueDate: "asc" }, { id: "asc" }],
    take: 1000,
  });
}

/**
 * Names the activity as the provider activity of an incoming funding line
 * (the donor's published activity funds this line), and optionally records the
 * file's reporting organisation identifier on the line's provider.
 */
export async function linkIatiActivity(ctx: Ctx, input: IatiImportLink): Promise<{ fundingLineId: string; changed: boolean }> {
  assertAdmin(ctx);
  const activity = activityFromForm(input.activityXml);
  const line = await prisma.fundingLine.findUnique({
    where: { id: input.fundingLineId },
    include: { programme: { select: { archivedAt: true } }, provider: { select: { id: true, iatiRef: true } } },
  });
  if (!line || line.archivedAt || line.programme.archivedAt || !INCOMING.includes(line.kind)) {
    throw new DomainError("invalid", message("iatiImport.v.fundingLine"), { field: "fundingLineId" });
  }
  const ref = activity.reportingOrg?.ref ?? null;
  const setRef = input.setProviderRef && ref && line.provider && line.provider.iatiRef?.toUpperCase() !== ref.toUpperCase();
  if (input.setProviderRef) {
    if (!ref) throw new DomainError("invalid", message("iatiImport.v.noReportingRef"), { field: "setProviderRef" });
    if (!line.provider) throw new DomainError("invalid", message("iatiImport.v.noProvider"), { field: "setProviderRef" });
    const holder = await prisma.organisation.findFirst({
      where: { id: { not: line.provider.id }, iatiRef: { equals: ref, mode: "insensitive" } },
      select: { shortName: true },
    });
    if (holder) throw new DomainError("invalid", message("iatiImport.v.refTaken", { ref, name: holder.shortName }), { field: "setProviderRef" });
  }
  if (line.providerActivityId === activity.identifier && !setRef) return { fundingLineId: line.id, changed: false };
  return prisma.$transaction(async (tx) => {
    if (line.providerActivityId !== activity.identifier) {
      const updated = await tx.fundingLine.updateMany({
        where: { id: line.id, version: line.version },
        data: { providerActivityId: activity.identifier, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new DomainError("invalid", message("iatiImport.v.changedMeanwhile"), { field: "fundingLineId" });
      await auditChange(tx, ctx, {
        action: "update", entityType: "FundingLine", entityId: line.id,
        changes: { providerActivityId: { before: line.providerActivityId, after: activity.identifier } },
        version: line.version + 1,
      });
    }
    if (setRef && line.provider) {
      const org = await tx.organisation.update({ where: { id: line.provider.id }, data: { iatiRef: ref, version: { increment: 1 } } });
      if (!org) throw notFoundError("Organisation not found");
      await auditChange(tx, ctx, {
        action: "update", entityType: "Organisation", entityId: org.id,
        changes: { iatiRef: { before: line.provider.iatiRef, after: ref } },
        version: org.version,
      });
    }
    return { fundingLineId: line.id, changed: true };
  });
}
