import type { donor as en } from "../en/donor";
import type { Translation } from "../types";

export const donor: Translation<typeof en> = {
};
