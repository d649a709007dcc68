import type { mail as en } from "../en/mail";
import type { Translation } from "../types";

export const mail: Translation<typeof en> = {
};
