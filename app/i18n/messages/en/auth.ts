import type { Catalogue } from "../types";

// Every key starts with "auth.". English is the source text.
export const auth = {
} satisfies Catalogue;
