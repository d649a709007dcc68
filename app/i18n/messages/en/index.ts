import { common } from "./common";
import { validation } from "./validation";
import { auth } from "./auth";
import { admin } from "./admin";
import { workspace } from "./workspace";
import { portfolio } from "./portfolio";
import { programmes } from "./programmes";
import { programmeEdit } from "./programmeEdit";
import { agreements } from "./agreements";
import { activities } from "./activities";
import { deliverables } from "./deliverables";
import { outcomes } from "./outcomes";
import { indicators } from "./indicators";
import { funding } from "./funding";
import { organisations } from "./organisations";
import { documents } from "./documents";
import { portal } from "./portal";
import { donor } from "./donor";
import { reports } from "./reports";
import { mail } from "./mail";
import { iatiExport } from "./iatiExport";
import { enums } from "./enums";

/** Every interface message in English, the source language. */
export const en = { ...common, ...validation, ...auth, ...admin, ...workspace, ...portfolio, ...programmes, ...programmeEdit, ...agreements, ...activities, ...deliverables, ...outcomes, ...indicators, ...funding, ...organisations, ...documents, ...portal, ...donor, ...reports, ...mail, ...iatiExport };
export const enEnums = enums;
export type MessageKey = keyof typeof en;
