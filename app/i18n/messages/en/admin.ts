import type { Catalogue } from "../types";

// Every key starts with "admin.". English is the source text.
export const admin = {
} satisfies Catalogue;
