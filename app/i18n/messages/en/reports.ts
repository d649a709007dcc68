import type { Catalogue } from "../types";

// Every key starts with "reports.". English is the source text.
export const reports = {
} satisfies Catalogue;
