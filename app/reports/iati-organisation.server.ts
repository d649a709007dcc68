import type { createCB as CreateCB } from "xmlbuilder2";
import type { XMLBuilderCB } from "xmlbuilder2/lib/interfaces";
import { PUBLIC_DOCUMENT, PUBLISHED_PROGRAMME, publicDocumentUrl } from "~/models/iati-publication.server";
import { listOrganisationBudgets } from "~/models/organisation-budget.server";
import type { Publisher } from "~/models/publisher.server";
import { prisma } from "~/utils/db.server";
import { iatiFileFormat } from "./iati.server";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";

// The public IATI organisation file (/iati/organisation.xml, issue 17 point 4;
// docs/decisions/0033-iati-publication.md): one <iati-organisation>, the
// publisher, in the element order of iati-organisations-schema.xsd.
//
// - total-budget: the centre's own budget per calendar year as administrators
//   entered it (app/models/organisation-budget.server.ts), with its status
//   (indicative or committed); value-date is the day it was entered, which
//   IATI wants in the past.
// - document-link: public documents of published programmes whose category is
//   an organisation document (the DocumentCategory "B" series: annual report,
//   strategy, audit, ...).
// - last-updated-datetime: the latest change among what the file is made of
//   (publisher settings, which a removed budget year touches, the budget
//   years, those documents, and any programme ever published, so a withdrawal
//   moves it too).

const xmlbuilder = loadOnFirstUse<{ createCB: typeof CreateCB }>("xmlbuilder2");

const organisationDocuments = () =>
  prisma.document.findMany({
    where: { AND: [PUBLIC_DOCUMENT, { categoryCode: { startsWith: "B" } }] },
    select: { id: true, title: true, mimeType: true, categoryCode: true, languageCode: true, documentDate: true, updatedAt: true },
    orderBy: [{ documentDate: "asc" }, { createdAt: "asc" }],
  });

/** The organisation file as text chunks (it is small: one organisation). */
export async function* organisationXmlChunks(publisher: Publisher, now = new Date()): AsyncGenerator<string> {
  const [budgets, documents, programmes] = await Promise.all([
    listOrganisationBudgets(),
    organisationDocuments(),
    prisma.programme.aggregate({ where: { OR: [PUBLISHED_PROGRAMME, { iatiFirstPublishedAt: { not: null } }] }, _max: { updatedAt: true } }),
  ]);
  const lastUpdated = latest([publisher.updatedAt, programmes._max.updatedAt, ...budgets.map((b) => b.updatedAt), ...documents.map((d) => d.updatedAt)]);

  let pending: string[] = [];
  const xml = xmlbuilder().createCB({ data: (chunk: string) => pending.push(chunk), prettyPrint: true });
  const flush = () => {
    const text = pending.join("");
    pending = [];
    return text;
  };
  xml.dec({ version: "1.0", encoding: "UTF-8" }).ele("iati-organisations").att("version", "2.03").att("generated-datetime", isoDateTime(now));
  xml
    .ele("iati-organisation")
    .att("last-updated-datetime", isoDateTime(lastUpdated))
    .att("xml:lang", publisher.lang)
    .att("default-currency", publisher.defaultCurrency);
  xml.ele("organisation-identifier").txt(publisher.ref).up();
  xml.ele("name");
  publisherNarratives(xml, publisher);
  xml.up();
  xml.ele("reporting-org").att("ref", publisher.ref).att("type", publisher.type);
  publisherNarratives(xml, publisher);
  xml.up();
  for (const b of budgets) {
    xml.ele("total-budget").att("status", b.status);
    xml.ele("period-start").att("iso-date", `${b.year}-01-01`).up();
    xml.ele("period-end").att("iso-date", `${b.year}-12-31`).up();
    xml.ele("value");
    if (b.currency !== publisher.defaultCurrency) xml.att("currency", b.currency);
    xml.att("value-date", b.updatedAt.toISOString().slice(0, 10)).txt(b.amount.toFixed(2)).up();
    xml.up();
  }
  for (const d of documents) {
    xml.ele("document-link").att("format", iatiFileFormat(d.mimeType)).att("url", publicDocumentUrl(publisher.publicBaseUrl, d.id));
    xml.ele("title").ele("narrative").txt(d.title).up().up();
    xml.ele("category").att("code", d.categoryCode).up();
    if (d.languageCode) xml.ele("language").att("code", d.languageCode).up();
    if (d.documentDate) xml.ele("document-date").att("iso-date", d.documentDate.toISOString().slice(0, 10)).up();
    xml.up();
  }
  xml.up();
  xml.up().end();
  yield flush();
}

/** The name in the default language, then each other language the publisher has a name in. */
function publisherNarratives(xml: XMLBuilderCB, publisher: Publisher) {
  xml.ele("narrative").txt(publisher.name).up();
  for (const [lang, name] of Object.entries(publisher.names).sort(([a], [b]) => a.localeCompare(b))) {
    if (lang !== publisher.lang) xml.ele("narrative").att("xml:lang", lang).txt(name).up();
  }
}

function latest(dates: (Date | null | undefined)[]): Date {
  return new Date(Math.max(...dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())));
}

function isoDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
