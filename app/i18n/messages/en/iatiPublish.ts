import type { Catalogue } from "../types";

// Every key starts with "iatiPublish.". English is the source text.
// Publication to IATI (issue 17): the programme page's panel, the document
// form's "public" mark, and the refusals of publishing.
export const iatiPublish = {
  "iatiPublish.panel.title": "IATI publication",
  "iatiPublish.panel.published": "Published",
  "iatiPublish.panel.notPublished": "Not published",
  "iatiPublish.panel.help": "A published programme is in the public IATI activity file, which anyone can read without signing in, with its documents marked public. Withdrawing takes it out; its IATI identifier stays reserved for it.",
  "iatiPublish.panel.identifier": "IATI identifier",
  "iatiPublish.panel.nextIdentifier": "Will be published as",
  "iatiPublish.panel.firstPublished": "First published",
  "iatiPublish.panel.publicDocuments": "Documents marked public",
  "iatiPublish.panel.publish": "Publish to IATI",
  "iatiPublish.panel.withdraw": "Withdraw from IATI",
  "iatiPublish.panel.publicFile": "Public activity file",
  "iatiPublish.panel.noPublisher": "Nothing can be published until an administrator enters the publisher settings (the centre's IATI organisation identifier).",
  "iatiPublish.panel.archived": "An archived programme is not published.",
  "iatiPublish.notice.published": "The programme is published in the public IATI file.",
  "iatiPublish.notice.withdrawn": "The programme was withdrawn from the public IATI file.",
  "iatiPublish.v.noPublisher": "The publisher settings have not been entered: an administrator must enter the centre's IATI organisation identifier before a programme can be published.",
  "iatiPublish.v.archived": "An archived programme cannot be published. Restore it first.",
  "iatiPublish.v.identifierTaken": "Another programme already uses the IATI identifier this programme would be published under.",
  "iatiPublish.v.publicNotShareable": "A public document is also shared with partners: tick “Shareable with partners” too, or leave “Public” unticked.",
  "iatiPublish.v.chooseIntent": "Choose publish or withdraw.",
  "iatiPublish.field.isPublic": "Public",
  "iatiPublish.form.isPublic": "Public: anyone may download this file",
  "iatiPublish.form.isPublicHint": "The file will be served to anyone, without signing in, at a public address, and linked from the public IATI files while its programme is published. Do not mark personal data, drafts or confidential documents public.",
  "iatiPublish.notFound": "Not found.",
} satisfies Catalogue;
