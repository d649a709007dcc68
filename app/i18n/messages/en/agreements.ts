import type { Catalogue } from "../types";

// Every key starts with "agreements.". English is the source text.
export const agreements = {
} satisfies Catalogue;
