import { createHash, randomUUID } from "node:crypto";
import { Prisma, type Programme } from "@prisma/client";
import { message } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import { DomainError, notFoundError } from "~/utils/errors.server";
import { auditChange, diffFields } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { PUBLISHED_DOCUMENT } from "./document.server";
import { mintProgrammeIdentifier } from "./iati-identifier.server";
import { getPublisher } from "./publisher.server";

// Publication to IATI (issue 17, point 4; docs/decisions/0033-iati-publication.md).
//
// Staff mark a programme for publication; the public activity file
// (/iati/activities.xml) then holds it, and its documents marked public are
// served at /public/documents/<id>. A programme's IATI identifier is minted
// under the publisher and stored on first publication; withdrawing only
// clears the mark, so a programme published again goes out under the same
// identifier. Every IATI activity the public file has carried is remembered
// in IatiPublishedActivity (identifier, hash of its content, when that content
// last changed): last-updated-datetime moves only when the content does.

// ---------------------------------------------------------------------------
// What the public sees

/** Programmes in the public files: marked for publication and not archived. */
export const PUBLISHED_PROGRAMME: Prisma.ProgrammeWhereInput = { iatiPublished: true, archivedAt: null };

/**
 * Documents anyone may download and the IATI files link to: published
 * (shareable, live, not attached to an archived record), marked public, of a
 * published programme. The one rule for /public/documents/:id and every
 * document-link of a public file. The document form only lets a shareable
 * document be public, so "public" never reaches further than "shareable".
 */
export const PUBLIC_DOCUMENT: Prisma.DocumentWhereInput = {
  AND: [PUBLISHED_DOCUMENT, { isPublic: true, programme: PUBLISHED_PROGRAMME }],
};

/** Whether the public activity file has anything in it. */
export async function hasPublishedProgrammes(): Promise<boolean> {
  return (await prisma.programme.findFirst({ where: PUBLISHED_PROGRAMME, select: { id: true } })) !== null;
}

/** The stable public address of a document's file. */
export function publicDocumentUrl(publicBaseUrl: string, documentId: string): string {
  return `${publicBaseUrl}/public/documents/${encodeURIComponent(documentId)}`;
}

/** A public document's row for the public download route, or null (404). */
export async function getPublicDocument(id: string) {
  return prisma.document.findFirst({
    where: { AND: [{ id }, PUBLIC_DOCUMENT] },
    select: { id: true, sha256: true, originalName: true, mimeType: true, sizeBytes: true, updatedAt: true },
  });
}

// ---------------------------------------------------------------------------
// The programme page's panel

export type ProgrammePublication = {
  published: boolean;
  /** Stored on first publication; null before. */
  identifier: string | null;
  /** What the identifier will be at first publication (null while the publisher is not set up). */
  nextIdentifier: string | null;
  firstPublishedAt: Date | null;
  publisherReady: boolean;
  publicDocuments: number;
};

export async function programmePublication(programmeId: string): Promise<ProgrammePublication> {
  const [p, publisher, publicDocuments] = await Promise.all([
    prisma.programme.findUniqueOrThrow({
      where: { id: programmeId },
      select: { code: true, iatiIdentifier: true, iatiPublished: true, iatiFirstPublishedAt: true },
    }),
    getPublisher(),
    prisma.document.count({ where: { programmeId, isPublic: true, archivedAt: null } }),
  ]);
  return {
    published: p.iatiPublished,
    identifier: p.iatiFirstPublishedAt ? p.iatiIdentifier : null,
    nextIdentifier: p.iatiIdentifier ?? (publisher ? mintProgrammeIdentifier(publisher.ref, p.code) : null),
    firstPublishedAt: p.iatiFirstPublishedAt,
    publisherReady: Boolean(publisher),
    publicDocuments,
  };
}

// ---------------------------------------------------------------------------
// Publish and withdraw (staff, audited)

const PUBLICATION_FIELDS = ["iatiPublished", "iatiIdentifier", "iatiFirstPublishedAt"];

/**
 * Marks a programme for publication. On the first publication its identifier
 * is minted under the publisher (unless one is already stored) and stored,
 * with the date; later publications keep both.
 */
export async function publishProgramme(ctx: Ctx, id: string, now = new Date()) {
  assertStaff(ctx);
  const publisher = await getPublisher();
  if (!publisher) throw new DomainError("invalid", message("iatiPublish.v.noPublisher"));
  try {
    return await changePublication(ctx, id, (before) => {
      if (before.archivedAt) throw new DomainError("invalid", message("iatiPublish.v.archived"));
      if (before.iatiPublished) return null;
      return {
        iatiPublished: true,
        iatiIdentifier: before.iatiIdentifier ?? mintProgrammeIdentifier(publisher.ref, before.code),
        iatiFirstPublishedAt: before.iatiFirstPublishedAt ?? now,
      };
    });
  } catch (error) {
    // Another programme already holds the identifier this one would be minted.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("conflict", message("iatiPublish.v.identifierTaken"));
    }
    throw error;
  }
}

/** Takes a programme out of the public files; its identifier stays stored for a later publication. */
export async function withdrawProgramme(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return changePublication(ctx, id, (before) => (before.iatiPublished ? { iatiPublished: false } : null));
}

/** Applies what `change` decides from the programme as it is (null: nothing to do), audited, in one transaction. */
async function changePublication(ctx: Ctx, id: string, change: (before: Programme) => Prisma.ProgrammeUpdateInput | null) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.programme.findUnique({ where: { id } });
    if (!before) throw notFoundError("Programme not found");
    const data = change(before);
    if (!data) return before;
    const after = await tx.programme.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
    await auditChange(tx, ctx, {
      action: "update",
      entityType: "Programme",
      entityId: id,
      changes: diffFields(before, after, PUBLICATION_FIELDS),
      version: after.version,
    });
    return after;
  });
}

// ---------------------------------------------------------------------------
// The writer's hook: stored identifiers and last-updated dates

export type IatiRecordType = "PROGRAMME" | "AGREEMENT" | "ACTIVITY";

export type PublishedActivityInfo = {
  recordType: IatiRecordType;
  recordId: string;
  programmeId: string;
  iatiIdentifier: string;
  /** sha256 (hex) of the activity's XML without its last-updated-datetime. */
  contentHash: string;
};

/**
 * The writer's onActivity hook for the public file: remembers the activity
 * and answers its last-updated-datetime. First sight stores the identifier
 * (never changed afterwards) with the date; later, the date moves to `now`
 * only when the content hash differs from the stored one.
 *
 * Two requests building the file at once must neither create two rows nor
 * move the date twice, so both steps are single conditional statements: the
 * insert does nothing on any unique conflict (no target, so the identifier's
 * unique index too; a concurrent insert of the same row waits for the first
 * and then does nothing), and the update only matches a row whose hash is
 * still different, which PostgreSQL re-checks after waiting for a concurrent
 * update of the same row.
 */
export async function recordPublishedActivity(info: PublishedActivityInfo, now = new Date()): Promise<Date> {
  const inserted = await prisma.$queryRaw<{ lastUpdatedAt: Date }[]>`
    INSERT INTO "IatiPublishedActivity"
      ("id", "recordType", "recordId", "programmeId", "iatiIdentifier", "contentHash", "lastUpdatedAt", "firstPublishedAt")
    VALUES (${randomUUID()}, ${info.recordType}, ${info.recordId}, ${info.programmeId}, ${info.iatiIdentifier}, ${info.contentHash}, ${now}, ${now})
    ON CONFLICT DO NOTHING
    RETURNING "lastUpdatedAt"`;
  if (inserted[0]) return inserted[0].lastUpdatedAt;
  const updated = await prisma.$queryRaw<{ lastUpdatedAt: Date }[]>`
    UPDATE "IatiPublishedActivity"
       SET "contentHash" = ${info.contentHash}, "lastUpdatedAt" = ${now}
     WHERE "recordType" = ${info.recordType} AND "recordId" = ${info.recordId}
       AND "contentHash" IS DISTINCT FROM ${info.contentHash}
    RETURNING "lastUpdatedAt"`;
  if (updated[0]) return updated[0].lastUpdatedAt;
  const stored = await prisma.iatiPublishedActivity.findUnique({
    where: { recordType_recordId: { recordType: info.recordType, recordId: info.recordId } },
    select: { lastUpdatedAt: true },
  });
  // No row: the identifier is already stored for another record (the insert did nothing).
  if (!stored) throw new Error(`IATI identifier ${info.iatiIdentifier} is already published for another record`);
  return stored.lastUpdatedAt ?? now;
}

/** sha256 (hex) of an activity's XML with its last-updated-datetime left out. */
export function activityContentHash(activityXml: string): string {
  return createHash("sha256").update(withoutLastUpdated(activityXml)).digest("hex");
}

function withoutLastUpdated(activityXml: string): string {
  return activityXml.replace(/\s+last-updated-datetime="[^"]*"/, "");
}
