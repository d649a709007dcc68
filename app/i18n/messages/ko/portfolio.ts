import type { portfolio as en } from "../en/portfolio";
import type { Translation } from "../types";

export const portfolio: Translation<typeof en> = {
};
