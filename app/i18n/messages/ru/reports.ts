import type { reports as en } from "../en/reports";
import type { Translation } from "../types";

export const reports: Translation<typeof en> = {
};
