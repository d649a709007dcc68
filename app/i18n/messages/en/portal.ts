import type { Catalogue } from "../types";

// Every key starts with "portal.". English is the source text.
export const portal = {
} satisfies Catalogue;
