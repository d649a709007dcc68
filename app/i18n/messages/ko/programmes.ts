import type { programmes as en } from "../en/programmes";
import type { Translation } from "../types";

export const programmes: Translation<typeof en> = {
};
