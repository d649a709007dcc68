import type { organisations as en } from "../en/organisations";
import type { Translation } from "../types";

export const organisations: Translation<typeof en> = {
};
