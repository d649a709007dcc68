import type { Catalogue } from "../types";

// Every key starts with "donor.". English is the source text.
export const donor = {
} satisfies Catalogue;
