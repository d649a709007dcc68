import type { Catalogue } from "../types";

// Every key starts with "organisations.". English is the source text.
export const organisations = {
} satisfies Catalogue;
