import type { outcomes as en } from "../en/outcomes";
import type { Translation } from "../types";

export const outcomes: Translation<typeof en> = {
};
