import type { activities as en } from "../en/activities";
import type { Translation } from "../types";

export const activities: Translation<typeof en> = {
};
