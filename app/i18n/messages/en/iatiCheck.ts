import type { Catalogue } from "../types";

// Every key starts with "iatiCheck.". English is the source text.
// The IATI readiness page (/admin/iati). The findings themselves are the IATI
// Validator's own messages, in English (IATI publishes them in English only).
export const iatiCheck = {
  "iatiCheck.nav": "IATI readiness",
  "iatiCheck.metaTitle": "IATI readiness · Concord",
  "iatiCheck.title": "IATI readiness",
  "iatiCheck.description":
    "The checks of the IATI Validator — the 2.03 schema, the IATI ruleset and the codelists — on what Concord would publish for each programme. A programme with an error cannot be published.",
  "iatiCheck.publisherMissing":
    "The publisher settings are missing. No IATI file can be published until an administrator enters the centre's organisation identifier, name, organisation type, default currency and public address.",
  "iatiCheck.blocked": {
    one: "{count} programme cannot be published:",
    other: "{count} programmes cannot be published:",
  },
  "iatiCheck.blockedOnPage": {
    one: "{count} programme on this page cannot be published:",
    other: "{count} programmes on this page cannot be published:",
  },
  "iatiCheck.allPass": "Every programme here passes the three checks.",
  "iatiCheck.ready": "Ready to publish",
  "iatiCheck.readyNone": "None of these programmes is ready yet.",
  "iatiCheck.published": "Marked for publication",
  "iatiCheck.errors": { one: "{count} error", other: "{count} errors" },
  "iatiCheck.warnings": { one: "{count} warning (does not stop publication)", other: "{count} warnings (do not stop publication)" },
  "iatiCheck.where": "where: {where}",
  "iatiCheck.activity": "IATI activity {identifier}",
  "iatiCheck.rule": "rule {id}",
  "iatiCheck.none": "No programme yet.",
  "iatiCheck.tabs.label": "IATI publication pages",
  "iatiCheck.tabs.check": "Readiness check",
  "iatiCheck.tabs.publisher": "Publisher settings",
  "iatiCheck.tabs.identifiers": "Organisations without an identifier",
  "iatiCheck.tabs.organisation": "Organisation file",
  "iatiCheck.tabs.import": "Import",
  "iatiCheck.tabs.activityFile": "Public activity file",
  "iatiCheck.tabs.organisationFile": "Public organisation file",
  "iatiCheck.navMain": "IATI",
  "iatiCheck.longBudget": "A budget of {amount} runs from {from} to {to}, longer than the 12 months IATI allows for one budget: it is left out of the file. Enter it as one budget line per year.",
  "iatiCheck.noBudget": "The programme is in implementation without a budget: enter its annual budgets (IATI asks for a budget, or a reason none is given, and none of IATI’s reasons fits).",
} satisfies Catalogue;
