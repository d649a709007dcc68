import type { agreements as en } from "../en/agreements";
import type { Translation } from "../types";

export const agreements: Translation<typeof en> = {
};
