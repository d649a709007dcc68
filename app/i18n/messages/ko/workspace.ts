import type { workspace as en } from "../en/workspace";
import type { Translation } from "../types";

export const workspace: Translation<typeof en> = {
};
