import { z } from "zod";
import AidType from "~/data/iati/codelists/AidType";
import CollaborationType from "~/data/iati/codelists/CollaborationType";
import FinanceType from "~/data/iati/codelists/FinanceType";
import FlowType from "~/data/iati/codelists/FlowType";
import TiedStatus from "~/data/iati/codelists/TiedStatus";
import { message as m } from "~/i18n/translate";
import { decimalProblem } from "./fields";

// Fields the record forms take for IATI publication (issue 17), shared by the
// programme, funding and activity schemas. Client-safe: single codelist files
// only (never app/data/iati/codelists/index.server.ts, ~700 kB).

type CodelistItem = { code: string; name?: string; withdrawn?: boolean };
type Codelist = { name: string; items: readonly CodelistItem[] };

export type IatiDefaultField = "iatiAidType" | "iatiFlowType" | "iatiFinanceType" | "iatiTiedStatus" | "iatiCollaborationType";

/** The programme's IATI defaults: form field -> the codelist its codes come from. */
export const IATI_DEFAULT_FIELDS: Record<IatiDefaultField, Codelist> = {
  iatiAidType: AidType,
  iatiFlowType: FlowType,
  iatiFinanceType: FinanceType,
  iatiTiedStatus: TiedStatus,
  iatiCollaborationType: CollaborationType,
};

/**
 * What a new programme starts with, the columns' defaults in the database:
 * technical cooperation (D02 other technical assistance), ODA (10), standard
 * grant (110), untied (5), bilateral (1).
 */
export const IATI_PROGRAMME_DEFAULTS: Record<IatiDefaultField, string> = {
  iatiAidType: "D02",
  iatiFlowType: "10",
  iatiFinanceType: "110",
  iatiTiedStatus: "5",
  iatiCollaborationType: "1",
};

/** Aid types of technical cooperation, offered first (AidType vocabulary 1, OECD DAC). */
export const TECHNICAL_COOPERATION_AID_TYPES = ["D01", "D02", "E01", "E02"] as const;

const LABELS: Record<IatiDefaultField, string> = {
  iatiAidType: "iatiFields.v.aidType",
  iatiFlowType: "iatiFields.v.flowType",
  iatiFinanceType: "iatiFields.v.financeType",
  iatiTiedStatus: "iatiFields.v.tiedStatus",
  iatiCollaborationType: "iatiFields.v.collaborationType",
};

/** Codes still in use: a withdrawn code is not offered and not accepted. */
function activeItems(field: IatiDefaultField): CodelistItem[] {
  return IATI_DEFAULT_FIELDS[field].items.filter((i) => !i.withdrawn);
}

export function isActiveIatiCode(field: IatiDefaultField, code: string): boolean {
  return activeItems(field).some((i) => i.code === code);
}

/** The codelist's name of a code ("Other technical assistance"), or null for an unknown code. */
export function iatiCodeName(field: IatiDefaultField, code: string): string | null {
  return IATI_DEFAULT_FIELDS[field].items.find((i) => i.code === code)?.name ?? null;
}

/** The choices of a select, in order: technical cooperation first for the aid type. */
export function iatiCodeChoices(field: IatiDefaultField): { code: string; name: string }[] {
  const items = activeItems(field).map((i) => ({ code: i.code, name: i.name ?? i.code }));
  if (field !== "iatiAidType") return items;
  const first = TECHNICAL_COOPERATION_AID_TYPES as readonly string[];
  return [...first.flatMap((c) => items.filter((i) => i.code === c)), ...items.filter((i) => !first.includes(i.code))];
}

/**
 * A programme default. Absent (a caller that does not send the field) means
 * the column's default; anything sent must be an active code of the codelist.
 */
export const iatiDefaultCode = (field: IatiDefaultField) => {
  const label = { label: `@${LABELS[field]}` };
  return z.preprocess(
    (v) => (v === undefined || v === null ? IATI_PROGRAMME_DEFAULTS[field] : v),
    z
      .string({ invalid_type_error: m("validation.choose", label) })
      .trim()
      .superRefine((s, ctx) => {
        if (!s) ctx.addIssue({ code: "custom", message: m("validation.choose", label), fatal: true });
        else if (!isActiveIatiCode(field, s)) {
          ctx.addIssue({
            code: "custom",
            message: m("iatiFields.v.unknownCode", { ...label, code: s.slice(0, 20), codelist: IATI_DEFAULT_FIELDS[field].name }),
            fatal: true,
          });
        }
      }),
  );
};

/** IATI identifiers have no length limit; this keeps them to what a person can check (as the programme's own). */
export const IATI_ACTIVITY_ID_MAX = 150;

/**
 * Another publisher's IATI activity identifier (provider-activity-id,
 * receiver-activity-id). IATI's rules for identifiers: no spaces (rules
 * 1.10.x/1.15.x "should not start or end with spaces") and none of / & | ?
 * (rule 1.10.13's pattern ^[^\/\&\|\?]+$). Identifiers are matched
 * character for character across publishers' files, so only visible ASCII is
 * taken (no look-alike letters, invisible or control characters). Its prefix
 * is another publisher's, so it is not checked against ours.
 */
export const optionalIatiActivityId = (label: string) => {
  const vars = { label: `@${label}` };
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .max(IATI_ACTIVITY_ID_MAX, m("validation.tooLong", { ...vars, max: IATI_ACTIVITY_ID_MAX }))
      // One message per problem, the first that applies.
      .superRefine((s, ctx) => {
        const message = /\s/.test(s)
          ? m("iatiFields.v.activityIdSpaces", vars)
          : !/^[\x21-\x7E]*$/.test(s)
            ? m("iatiFields.v.activityIdCharacters", vars)
            : !/^[^/&|?]*$/.test(s)
              ? m("iatiFields.v.activityIdSymbols", vars)
              : null;
        if (message) ctx.addIssue({ code: "custom", message });
      })
      .optional(),
  );
};

// optionalCoordinate lives in ./coordinate (the activity form needs it without the codelists above).
export { optionalCoordinate } from "./coordinate";
