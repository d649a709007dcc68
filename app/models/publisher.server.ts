import type { Prisma } from "@prisma/client";
import { message } from "~/i18n/translate";
import { type PublisherForm, publisherNames } from "~/schemas/publisher";
import { prisma, type Tx } from "~/utils/db.server";
import { ConflictError, DomainError, isUniqueViolation } from "~/utils/errors.server";
import { isIllustrativeOrgId } from "~/utils/iati-org-id";
import { assertAdmin, type Ctx } from "./ctx.server";
import { auditChange, conflictSince, diffFields, snapshot } from "./history.server";

// The centre as IATI publisher (issue 17): one PublisherSettings row, edited
// by administrators. Every IATI file Concord writes names exactly this
// organisation as reporting-org, and activity identifiers are minted under
// its organisation identifier.

export type Publisher = {
  /** IATI organisation identifier, e.g. "KR-BRN-1234567890". */
  ref: string;
  /** IATI OrganisationType code. */
  type: string;
  /** Name in the default language. */
  name: string;
  /** Default language (ISO 639-1), the files' xml:lang. */
  lang: string;
  /** Names in other languages: { ru: "…", ko: "…" }. */
  names: Record<string, string>;
  defaultCurrency: string;
  /** Base of public URLs, no trailing slash, e.g. "https://concord.example.org". */
  publicBaseUrl: string;
  version: number;
  updatedAt: Date;
};

/** The publisher settings, or null while an administrator has not entered them. */
export async function getPublisher(): Promise<Publisher | null> {
  const row = await prisma.publisherSettings.findUnique({ where: { id: 1 } });
  if (!row) return null;
  const names: Record<string, string> = {};
  const tr = row.translations;
  if (tr && typeof tr === "object" && !Array.isArray(tr)) {
    for (const [locale, entry] of Object.entries(tr)) {
      const name = entry && typeof entry === "object" && !Array.isArray(entry) ? (entry as Record<string, unknown>).name : undefined;
      if (typeof name === "string" && name.trim()) names[locale] = name.trim();
    }
  }
  return {
    ref: row.orgRef,
    type: row.orgType,
    name: row.name,
    lang: row.lang,
    names,
    defaultCurrency: row.defaultCurrency,
    publicBaseUrl: row.publicBaseUrl.replace(/\/+$/, ""),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

// ---------------------------------------------------------------------------
// Administrators' writes (/admin/publisher)

export const PUBLISHER_ENTITY = "PublisherSettings";
const PUBLISHER_ID = 1;

/** What the settings form starts from: the row's values, or empty fields while there is none. */
export function publisherFormDefaults(p: Publisher | null) {
  if (!p) return { version: "", orgRef: "", orgType: "", lang: "en", nameEn: "", nameRu: "", nameKo: "", defaultCurrency: "", publicBaseUrl: "" };
  const names: Record<string, string> = { ...p.names, [p.lang]: p.name };
  return {
    version: String(p.version),
    orgRef: p.ref,
    orgType: p.type,
    lang: p.lang,
    nameEn: names.en ?? "",
    nameRu: names.ru ?? "",
    nameKo: names.ko ?? "",
    defaultCurrency: p.defaultCurrency,
    publicBaseUrl: p.publicBaseUrl,
  };
}

/** True once anything went out under the publisher's identifier (a programme or a stored IATI activity). */
export async function publisherHasPublished(tx: Tx = prisma): Promise<boolean> {
  const [programme, activity] = await Promise.all([
    tx.programme.findFirst({ where: { iatiFirstPublishedAt: { not: null } }, select: { id: true } }),
    tx.iatiPublishedActivity.findFirst({ select: { id: true } }),
  ]);
  return Boolean(programme || activity);
}

function columns(form: PublisherForm) {
  const names = publisherNames(form);
  // The default language's name is the `name` column; the others are translations.
  const translations: Record<string, { name: string }> = {};
  for (const [locale, name] of Object.entries(names)) if (locale !== form.lang) translations[locale] = { name };
  return {
    orgRef: form.orgRef,
    orgType: form.orgType,
    name: names[form.lang] ?? "",
    lang: form.lang,
    translations,
    defaultCurrency: form.defaultCurrency,
    publicBaseUrl: form.publicBaseUrl,
  };
}

const AUDITED = ["orgRef", "orgType", "name", "lang", "defaultCurrency", "publicBaseUrl"] as const;
const translationsText = (tr: unknown) =>
  Object.entries((tr && typeof tr === "object" ? tr : {}) as Record<string, { name?: string }>)
    .map(([locale, entry]) => `${locale}: ${entry?.name ?? ""}`)
    .sort();

/**
 * Saves the publisher settings (administrators only). Optimistic locking on
 * `version`: a form loaded before someone else's save is refused with their
 * changes. The organisation identifier cannot change once anything has been
 * published: the activities already out carry identifiers under the old one,
 * and IATI identifiers never change.
 */
export async function savePublisher(ctx: Ctx, form: PublisherForm): Promise<{ changed: boolean; version: number }> {
  assertAdmin(ctx);
  const next = columns(form);
  try {
    return await prisma.$transaction(async (tx) => {
      // Locked, so two administrators saving at once are serialised (the second sees the first's version).
      const [before] = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "PublisherSettings" WHERE "id" = ${PUBLISHER_ID} FOR UPDATE`;
      const current = before ? await tx.publisherSettings.findUniqueOrThrow({ where: { id: PUBLISHER_ID } }) : null;
      if (!current) {
        // Someone else's first save won: the form was loaded before it.
        if (form.version !== undefined) throw new ConflictError({ version: 0, updatedAt: null, updatedBy: null }, {});
        const created = await tx.publisherSettings.create({ data: { id: PUBLISHER_ID, ...next } });
        await auditChange(tx, ctx, {
          action: "create",
          entityType: PUBLISHER_ENTITY,
          entityId: String(PUBLISHER_ID),
          changes: { ...snapshot(created, [...AUDITED]), translations: translationsText(created.translations) },
          version: created.version,
        });
        return { changed: true, version: created.version };
      }
      if (form.version === undefined || form.version !== current.version) {
        return conflictSince(tx, PUBLISHER_ENTITY, String(PUBLISHER_ID), form.version ?? 0, current);
      }
      const changes = diffFields(current as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>, [...AUDITED]);
      const trBefore = translationsText(current.translations);
      const trAfter = translationsText(next.translations);
      if (JSON.stringify(trBefore) !== JSON.stringify(trAfter)) changes.translations = { before: trBefore, after: trAfter };
      if (!Object.keys(changes).length) return { changed: false, version: current.version };
      if (changes.orgRef && (await publisherHasPublished(tx))) {
        // Identifiers published under a real identifier never change. Under an
        // illustrative one (the demo's KR-BRN-EXAMPLE-HIRA) nothing was meant to
        // last: replacing it re-mints what went out under it, so a centre that
        // tried publishing on the demo data can still register its real
        // identifier. The programmes' stored identifiers move to the new
        // prefix and the children's stored rows go (they are minted again,
        // under the new prefix, the next time the public file is read).
        if (!isIllustrativeOrgId(current.orgRef)) {
          throw new DomainError("invalid", message("iatiPublisher.e.refPublished", { ref: current.orgRef }), { field: "orgRef" });
        }
        await tx.$executeRaw`
          UPDATE "Programme" SET "iatiIdentifier" = ${next.orgRef} || substr("iatiIdentifier", ${current.orgRef.length + 1})
           WHERE starts_with("iatiIdentifier", ${`${current.orgRef}-`})`;
        await tx.iatiPublishedActivity.deleteMany({ where: { iatiIdentifier: { startsWith: `${current.orgRef}-` } } });
      }
      const updated = await tx.publisherSettings.update({
        where: { id: PUBLISHER_ID },
        data: { ...next, translations: next.translations as Prisma.InputJsonObject, version: { increment: 1 } },
      });
      await auditChange(tx, ctx, { action: "update", entityType: PUBLISHER_ENTITY, entityId: String(PUBLISHER_ID), changes, version: updated.version });
      return { changed: true, version: updated.version };
    });
  } catch (error) {
    // Two first saves at once: the loser's insert meets the winner's row.
    if (isUniqueViolation(error)) throw new ConflictError({ version: 1, updatedAt: null, updatedBy: null }, {});
    throw error;
  }
}
