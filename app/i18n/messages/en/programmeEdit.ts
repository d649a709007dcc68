import type { Catalogue } from "../types";

// Every key starts with "programmeEdit.". English is the source text.
export const programmeEdit = {
} satisfies Catalogue;
