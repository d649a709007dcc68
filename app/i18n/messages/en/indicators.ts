import type { Catalogue } from "../types";

// Every key starts with "indicators.". English is the source text.
export const indicators = {
} satisfies Catalogue;
