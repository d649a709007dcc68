import type { Catalogue } from "../types";

// Every key starts with "programmes.". English is the source text.
export const programmes = {
} satisfies Catalogue;
