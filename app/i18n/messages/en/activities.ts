import type { Catalogue } from "../types";

// Every key starts with "activities.". English is the source text.
export const activities = {
} satisfies Catalogue;
