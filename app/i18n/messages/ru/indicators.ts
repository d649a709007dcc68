import type { indicators as en } from "../en/indicators";
import type { Translation } from "../types";

export const indicators: Translation<typeof en> = {
};
