import type { Catalogue } from "../types";

// Every key starts with "funding.". English is the source text.
export const funding = {
} satisfies Catalogue;
