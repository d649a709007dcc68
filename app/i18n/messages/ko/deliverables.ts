import type { deliverables as en } from "../en/deliverables";
import type { Translation } from "../types";

export const deliverables: Translation<typeof en> = {
};
