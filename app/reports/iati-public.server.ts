import type { Publisher } from "~/models/publisher.server";
import { recordPublishedActivity } from "~/models/iati-publication.server";
import { iatiXmlBytes } from "./iati.server";

// The public IATI activity file (/iati/activities.xml, issue 17 point 4; ADR 0033):
// the writer's public selection (programmes marked for publication and not
// archived, all their live children, public documents only), each activity's
// identifier stored on first sight and its last-updated-datetime moved only
// when its content hash changes (recordPublishedActivity).

/** The public activity file as UTF-8 chunks, one per programme. */
export function publicActivityChunks(publisher: Publisher, now = new Date()): AsyncGenerator<Buffer> {
  return iatiXmlBytes({ public: true }, { publisher, generatedAt: now, now, onActivity: (info) => recordPublishedActivity(info, now) });
}
