import type { Catalogue } from "../types";

// Every key starts with "workspace.". English is the source text.
export const workspace = {
} satisfies Catalogue;
