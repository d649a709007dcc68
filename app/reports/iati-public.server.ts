import type { Publisher } from "~/models/publisher.server";
import { activityContentHash, PUBLIC_DOCUMENT, PUBLISHED_PROGRAMME, publicDocumentUrl, recordPublishedActivity } from "~/models/iati-publication.server";
import { prisma } from "~/utils/db.server";
import { buildIatiXml } from "./iati.server";
import { fileFormat } from "./iati-organisation.server";

// The public IATI activity file (/iati/activities.xml, issue 17 point 4; ADR 0033):
// only programmes marked for publication (PUBLISHED_PROGRAMME), only public
// documents, last-updated-datetime from the stored content hashes
// (recordPublishedActivity).

/**
 * The public activity file as text chunks: the published programmes, with
 * only public documents, each activity's last-updated-datetime from
 * recordPublishedActivity.
 *
 * LEAD: this is the one place to switch to helper C's writer once it lands:
 *   return iatiXmlChunks({ public: true }, { origin: publisher.publicBaseUrl, onActivity: (i) => recordPublishedActivity(i) });
 * and delete the adapter below (publishedProgrammeChunks).
 */
export function publicActivityChunks(publisher: Publisher, now = new Date()): AsyncGenerator<string> {
  return publishedProgrammeChunks(publisher, now);
}

const ADAPTER_BATCH = 50;

/**
 * Adapter over today's writer (which knows only viewer scopes): each
 * published programme is written as staff would download it, one at a time,
 * and its activity cut out of that file; document links other than public
 * documents are removed and the rest pointed at their public address; the
 * hook decides last-updated-datetime. One activity is in memory at a time.
 */
async function* publishedProgrammeChunks(publisher: Publisher, now: Date): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${isoDateTime(now)}">\n`;
  let after: string | null = null;
  for (;;) {
    const batch: { id: string; code: string }[] = await prisma.programme.findMany({
      where: after ? { AND: [PUBLISHED_PROGRAMME, { code: { gt: after } }] } : PUBLISHED_PROGRAMME,
      select: { id: true, code: true },
      orderBy: { code: "asc" },
      take: ADAPTER_BATCH,
    });
    if (batch.length === 0) break;
    const publicDocs = new Set(
      (await prisma.document.findMany({ where: { AND: [PUBLIC_DOCUMENT, { programmeId: { in: batch.map((p) => p.id) } }] }, select: { id: true } })).map(
        (d) => d.id,
      ),
    );
    for (const p of batch) {
      const file = await buildIatiXml({ kind: "staff" }, { code: p.code, origin: publisher.publicBaseUrl, generatedAt: now });
      const start = file.indexOf("<iati-activity ");
      const end = file.lastIndexOf("</iati-activity>");
      if (start < 0 || end < 0) continue;
      let activity = file.slice(start, end + "</iati-activity>".length);
      activity = activity.replace(
        /<document-link url="[^"]*\/documents\/([^"/]+)\/download"[\s\S]*?<\/document-link>\s*/g,
        (block, encodedId: string) => {
          const id = decodeURIComponent(encodedId);
          if (!publicDocs.has(id)) return "";
          return block
            .replace(/url="[^"]*"/, `url="${publicDocumentUrl(publisher.publicBaseUrl, id)}"`)
            .replace(/format="([^"]*)"/, (_f, type: string) => `format="${fileFormat(type)}"`);
        },
      );
      const identifier = /<iati-identifier>([^<]*)<\/iati-identifier>/.exec(activity)?.[1] ?? p.code;
      const lastUpdated = await recordPublishedActivity(
        { recordType: "PROGRAMME", recordId: p.id, programmeId: p.id, iatiIdentifier: identifier, contentHash: activityContentHash(activity) },
        now,
      );
      yield `  ${activity.replace(/last-updated-datetime="[^"]*"/, `last-updated-datetime="${isoDateTime(lastUpdated)}"`)}\n`;
    }
    after = batch[batch.length - 1].code;
    if (batch.length < ADAPTER_BATCH) break;
  }
  yield "</iati-activities>\n";
}

function isoDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
