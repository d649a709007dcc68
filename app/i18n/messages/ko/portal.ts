import type { portal as en } from "../en/portal";
import type { Translation } from "../types";

export const portal: Translation<typeof en> = {
};
