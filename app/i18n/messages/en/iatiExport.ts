import type { Catalogue } from "../types";

// Every key starts with "iatiExport.". English is the source text.
// The IATI activity file (app/reports/iati.server.ts): why it cannot be written.
export const iatiExport = {
  "iatiExport.unavailable": "IATI XML: not available until an administrator enters the centre's publisher settings.",
  "iatiExport.publisherMissing":
    "The IATI file cannot be written yet: the centre's publisher settings (its IATI organisation identifier, name, default currency and public address) have not been entered. Ask an administrator to enter them.",
} satisfies Catalogue;
