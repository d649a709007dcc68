import type { Catalogue } from "../types";

// Every key starts with "deliverables.". English is the source text.
export const deliverables = {
} satisfies Catalogue;
