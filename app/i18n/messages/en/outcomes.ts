import type { Catalogue } from "../types";

// Every key starts with "outcomes.". English is the source text.
export const outcomes = {
} satisfies Catalogue;
