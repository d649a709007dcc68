import type { Catalogue } from "../types";

// Every key starts with "mail.". English is the source text.
export const mail = {
} satisfies Catalogue;
