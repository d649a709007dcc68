import type { Catalogue } from "../types";

// Every key starts with "portfolio.". English is the source text.
export const portfolio = {
} satisfies Catalogue;
