import { z } from "zod";
import { DATE_PRECISIONS } from "./agreement";
import {
  afterOrSame,
  countryCode,
  id,
  idList,
  optionalDate,
  optionalId,
  optionalInt,
  optionalText,
  requiredText,
} from "./fields";

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

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

// Zod runs the form-wide checks (sums, date order) only when no field has
// failed outright; a failed refinement does not stop them, a wrong type or an
// enum miss does. So the choices and the group totals below are refinements,
// which lets the form show every problem at once instead of in rounds.

/** One of a fixed list of values (a select); an empty select is "not chosen". */
function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .string({ required_error: message, invalid_type_error: message })
    .refine((v): v is T[number] => (values as readonly string[]).includes(v), message);
}

/** A head count that must be given (a participant group's total). */
const requiredCount = (label: string) =>
  optionalInt(label).refine((v): v is number => v !== undefined, `Enter ${label}.`);

/**
 * Rows of a repeatable group. Blank rows become null rather than being
 * dropped before validation, so an error's path ("organisations.3.role")
 * points at the row the user filled; the nulls are dropped once the whole
 * form is valid (see the end of ActivityFormSchema).
 */
function indexedRows<T extends z.ZodTypeAny>(row: T, isBlank: (r: Record<string, unknown>) => boolean) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? v.map((r) => (r && typeof r === "object" && !isBlank(r as Record<string, unknown>) ? r : null)) : []),
    z.array(row.nullable()).max(100, "Save at most 100 rows."),
  );
}

const present = <T,>(r: T | null | undefined): r is T => r !== null && r !== undefined;

const OrganisationRow = z.object({
  organisationId: id("an organisation"),
  role: choice(ACTIVITY_ORGANISATION_ROLES, "Choose the organisation's role."),
});

const ParticipantGroupRow = z
  .object({
    organisationId: optionalId(),
    label: optionalText("the group's label", 200),
    total: requiredCount("the group's total"),
    female: optionalInt("the number of women"),
    male: optionalInt("the number of men"),
    other: optionalInt("the number of others"),
  })
  .superRefine((g, ctx) => {
    if (!g.organisationId && !g.label) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "Choose an organisation or give the group a label." });
    }
    const bySex = (g.female ?? 0) + (g.male ?? 0) + (g.other ?? 0);
    if (typeof g.total === "number" && bySex > g.total) {
      ctx.addIssue({
        code: "custom",
        path: ["total"],
        message: `Female, male and other add up to ${bySex}, more than this group's total of ${g.total}.`,
      });
    }
  });

export const ActivityFormSchema = z
  .object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    programmeId: id("the programme"),
    kind: choice(ACTIVITY_KINDS, "Choose the kind of activity."),
    title: requiredText("a title", 300),
    description: optionalText("the description", 5000),
    countryCode: countryCode(),
    city: optionalText("the city", 120),
    status: choice(ACTIVITY_STATUSES, "Choose a status."),
    plannedStart: optionalDate("the planned start"),
    plannedEnd: optionalDate("the planned end"),
    actualStart: optionalDate("the actual start"),
    actualEnd: optionalDate("the actual end"),
    datePrecision: choice(DATE_PRECISIONS, "Choose how precisely the dates are known."),
    participantsTotal: optionalInt("the total number of participants"),
    participantsFemale: optionalInt("the number of women"),
    participantsMale: optionalInt("the number of men"),
    participantsOther: optionalInt("the number of others"),
    participantsNote: optionalText("the note on participants", 500),
    agreementIds: idList(),
    organisations: indexedRows(OrganisationRow, (r) => isEmpty(r.organisationId) && isEmpty(r.role)),
    participantGroups: indexedRows(
      ParticipantGroupRow,
      (r) => ["organisationId", "label", "total", "female", "male", "other"].every((k) => isEmpty(r[k])),
    ),
  })
  .superRefine((a, ctx) => {
    if (!afterOrSame(a.plannedStart, a.plannedEnd)) {
      ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "The planned end cannot be before the planned start." });
    }
    if (!afterOrSame(a.actualStart, a.actualEnd)) {
      ctx.addIssue({ code: "custom", path: ["actualEnd"], message: "The actual end cannot be before the actual start." });
    }
    const bySexGiven = [a.participantsFemale, a.participantsMale, a.participantsOther].some((n) => n !== undefined);
    const bySex = (a.participantsFemale ?? 0) + (a.participantsMale ?? 0) + (a.participantsOther ?? 0);
    if (a.participantsTotal === undefined && bySexGiven) {
      ctx.addIssue({ code: "custom", path: ["participantsTotal"], message: "Enter the total number of participants as well as the figures by sex." });
    }
    if (a.participantsTotal !== undefined && bySex > a.participantsTotal) {
      ctx.addIssue({
        code: "custom",
        path: ["participantsTotal"],
        message: `Female, male and other add up to ${bySex}, more than the total of ${a.participantsTotal}.`,
      });
    }
    const groups = (Array.isArray(a.participantGroups) ? a.participantGroups : []).filter(present);
    const groupSum = groups.reduce((sum, g) => sum + (typeof g.total === "number" ? g.total : 0), 0);
    if (a.participantsTotal !== undefined && groupSum > a.participantsTotal) {
      ctx.addIssue({
        code: "custom",
        path: ["participantGroups"],
        message: `The groups add up to ${groupSum} participants, more than the activity's total of ${a.participantsTotal}.`,
      });
    }
    const seen = new Set<string>();
    (Array.isArray(a.organisations) ? a.organisations : []).forEach((o, i) => {
      if (!o) return;
      const key = `${o.organisationId}:${o.role}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["organisations", i, "organisationId"], message: "This organisation is listed twice with the same role." });
      seen.add(key);
    });
  })
  .transform((a) => ({ ...a, organisations: a.organisations.filter(present), participantGroups: a.participantGroups.filter(present) }));

export type ActivityForm = z.infer<typeof ActivityFormSchema>;
