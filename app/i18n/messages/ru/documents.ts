import type { documents as en } from "../en/documents";
import type { Translation } from "../types";

export const documents: Translation<typeof en> = {
};
