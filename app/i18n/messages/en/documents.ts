import type { Catalogue } from "../types";

// Every key starts with "documents.". English is the source text.
export const documents = {
} satisfies Catalogue;
