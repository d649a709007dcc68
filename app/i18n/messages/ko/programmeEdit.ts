import type { programmeEdit as en } from "../en/programmeEdit";
import type { Translation } from "../types";

export const programmeEdit: Translation<typeof en> = {
};
