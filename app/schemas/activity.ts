import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { DATE_PRECISIONS } from "./agreement";
import {
  afterOrSame,
  countryCode,
  id,
  idList,
  indexedRows,
  isEmpty,
  narratives,
  optionalDate,
  optionalId,
  optionalInt,
  optionalText,
  present,
  requiredText,
  withRules,
  type RuleInput,
} from "./fields";
import { ActivityOutcomeRow, isBlankActivityOutcome, placed } from "./outcome";
import { optionalCoordinate } from "./coordinate";

export const ACTIVITY_KINDS = [
  "STUDY_VISIT",
  "TRAINING_COURSE",
  "CONSULTANCY",
  "WORKSHOP",
  "SYMPOSIUM",
  "POLICY_DIALOGUE",
  "EXPERT_EXCHANGE",
  "HIGH_LEVEL_MEETING",
] as const;
export const ACTIVITY_STATUSES = ["PLANNED", "ONGOING", "COMPLETED", "POSTPONED", "CANCELLED"] as const;
export const ACTIVITY_ORGANISATION_ROLES = ["HOST", "ORGANISER", "PARTICIPANT", "FUNDER"] as const;

// The form-wide checks (sums, date order) run through withRules(), so they are
// reported together with every field's own problem, never in rounds.

/** One of a fixed list of values (a select); an empty select is "not chosen". */
function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .string({ required_error: message, invalid_type_error: message })
    .refine((v): v is T[number] => (values as readonly string[]).includes(v), message);
}

/** A head count that must be given (a participant group's total). */
const requiredCount = (label: string) =>
  optionalInt(label).refine((v): v is number => v !== undefined, m("validation.enter", { label: `@${label}` }));

const OrganisationRow = z.object({
  organisationId: id("activities.v.anOrganisation"),
  role: choice(ACTIVITY_ORGANISATION_ROLES, m("activities.v.chooseRole")),
});

const ParticipantGroupRow = withRules(
  z.object({
    organisationId: optionalId(),
    label: optionalText("activities.v.groupLabel", 200),
    total: requiredCount("activities.v.groupTotal"),
    female: optionalInt("activities.v.women"),
    male: optionalInt("activities.v.men"),
    other: optionalInt("activities.v.others"),
  }),
  (g, ctx) => {
    if (!g.organisationId && !g.label) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: m("activities.v.groupNameless") });
    }
    const bySex = (g.female ?? 0) + (g.male ?? 0) + (g.other ?? 0);
    if (typeof g.total === "number" && bySex > g.total) {
      ctx.addIssue({
        code: "custom",
        path: ["total"],
        message: m("activities.v.groupOverTotal", { sum: String(bySex), total: String(g.total) }),
      });
    }
  },
);

const ActivityFields = z.object({
  /** The version the user loaded; present on edits (optimistic locking). */
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  programmeId: id("activities.v.programme"),
  kind: choice(ACTIVITY_KINDS, m("activities.v.chooseKind")),
  title: requiredText("activities.v.title", 300),
  description: optionalText("activities.v.description", 5000),
  /** The title and description in Russian and Korean (IATI narratives). */
  translations: narratives(300, 5000),
  countryCode: countryCode(),
  city: optionalText("activities.v.city", 120),
  /** Where it took place (WGS84 decimal degrees), for IATI location/point: both or neither. */
  latitude: optionalCoordinate("latitude"),
  longitude: optionalCoordinate("longitude"),
  status: choice(ACTIVITY_STATUSES, m("activities.v.chooseStatus")),
  plannedStart: optionalDate("activities.v.plannedStart"),
  plannedEnd: optionalDate("activities.v.plannedEnd"),
  actualStart: optionalDate("activities.v.actualStart"),
  actualEnd: optionalDate("activities.v.actualEnd"),
  datePrecision: choice(DATE_PRECISIONS, m("activities.v.choosePrecision")),
  participantsTotal: optionalInt("activities.v.participantsTotal"),
  participantsFemale: optionalInt("activities.v.women"),
  participantsMale: optionalInt("activities.v.men"),
  participantsOther: optionalInt("activities.v.others"),
  participantsNote: optionalText("activities.v.participantsNote", 500),
  agreementIds: idList(),
  organisations: indexedRows(OrganisationRow, (r) => isEmpty(r.organisationId) && isEmpty(r.role)),
  participantGroups: indexedRows(
    ParticipantGroupRow,
    (r) => ["organisationId", "label", "total", "female", "male", "other"].every((k) => isEmpty(r[k])),
  ),
});

function activityRules(a: RuleInput<z.output<typeof ActivityFields>>, ctx: z.RefinementCtx) {
  if (a.latitude !== undefined && a.longitude === undefined) {
    ctx.addIssue({ code: "custom", path: ["longitude"], message: m("iatiFields.v.longitudeNeeded") });
  }
  if (a.longitude !== undefined && a.latitude === undefined) {
    ctx.addIssue({ code: "custom", path: ["latitude"], message: m("iatiFields.v.latitudeNeeded") });
  }
  if (!afterOrSame(a.plannedStart, a.plannedEnd)) {
    ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: m("activities.v.plannedEndBeforeStart") });
  }
  if (!afterOrSame(a.actualStart, a.actualEnd)) {
    ctx.addIssue({ code: "custom", path: ["actualEnd"], message: m("activities.v.actualEndBeforeStart") });
  }
  const bySexGiven = [a.participantsFemale, a.participantsMale, a.participantsOther].some((n) => n !== undefined);
  const bySex = (a.participantsFemale ?? 0) + (a.participantsMale ?? 0) + (a.participantsOther ?? 0);
  if (a.participantsTotal === undefined && bySexGiven) {
    ctx.addIssue({ code: "custom", path: ["participantsTotal"], message: m("activities.v.totalNeeded") });
  }
  if (a.participantsTotal !== undefined && bySex > a.participantsTotal) {
    ctx.addIssue({
      code: "custom",
      path: ["participantsTotal"],
      message: m("activities.v.bySexOverTotal", { sum: String(bySex), total: String(a.participantsTotal) }),
    });
  }
  const groups = (Array.isArray(a.participantGroups) ? a.participantGroups : []).filter(present);
  const groupSum = groups.reduce((sum, g) => sum + (typeof g.total === "number" ? g.total : 0), 0);
  if (a.participantsTotal !== undefined && groupSum > a.participantsTotal) {
    ctx.addIssue({
      code: "custom",
      path: ["participantGroups"],
      message: m("activities.v.groupsOverTotal", { sum: String(groupSum), total: String(a.participantsTotal) }),
    });
  }
  const seen = new Set<string>();
  (Array.isArray(a.organisations) ? a.organisations : []).forEach((o, i) => {
    if (!o) return;
    const key = `${o.organisationId}:${o.role}`;
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["organisations", i, "organisationId"], message: m("activities.v.duplicateOrganisation") });
    seen.add(key);
  });
}

export const ActivityFormSchema = withRules(ActivityFields, activityRules).transform((a) => ({
  ...a,
  organisations: a.organisations.filter(present),
  participantGroups: a.participantGroups.filter(present),
}));

export type ActivityForm = z.infer<typeof ActivityFormSchema>;

/**
 * The new-activity form: the activity and, optionally, what it agreed
 * (outcomes with their follow-up actions), saved in one transaction, so an
 * activity recorded offline needs no id from the server before its outcomes
 * (issue 20). Only on create: outcomes are edited on their own pages, and the
 * JSON API and the spreadsheet import keep ActivityFormSchema (no outcomes).
 */
export const NewActivityFormSchema = withRules(
  ActivityFields.extend({ outcomes: indexedRows(ActivityOutcomeRow, isBlankActivityOutcome) }),
  activityRules,
).transform((a) => ({
  ...a,
  organisations: a.organisations.filter(present),
  participantGroups: a.participantGroups.filter(present),
  outcomes: placed(a.outcomes),
}));

export type NewActivityForm = z.infer<typeof NewActivityFormSchema>;
