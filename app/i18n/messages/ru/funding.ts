import type { funding as en } from "../en/funding";
import type { Translation } from "../types";

export const funding: Translation<typeof en> = {
};
