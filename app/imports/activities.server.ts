import type { Scope } from "~/auth/scope.server";
import { message } from "~/i18n/translate";
import {
  ACTIVITY_LIST,
  activitiesByTitles,
  activityFormDefaults,
  activityFormsByIds,
  createActivitiesIn,
  createActivityIn,
  listActivities,
  updateActivitiesIn,
  updateActivityIn,
} from "~/models/activity.server";
import { ACTIVITY_KINDS, ACTIVITY_ORGANISATION_ROLES, ACTIVITY_STATUSES, ActivityFormSchema, type ActivityForm } from "~/schemas/activity";
import { fold, formatDateCell, type DateCell, type DatePrecision } from "./cells";
import { countryColumn, decimalColumn, idAndVersionColumns, intColumn, textColumn } from "./columns.server";
import type { CellValue, Current, ImportColumn, ImportKind } from "./kind.server";
import type { Refs } from "./refs.server";

// Activities in a spreadsheet (issue 19, point 1): the activity form's values,
// with participants by sex, the participant groups by organisation and the
// organisations' roles. Agreements and translations are not in the file and
// so are never touched by an import.

type Form = ReturnType<typeof activityFormDefaults>;
type Role = (typeof ACTIVITY_ORGANISATION_ROLES)[number];

// The four dates share one precision (Activity.datePrecision): a date cell
// sets it, and the download writes each date in it (2019, 2019-11, 2019-11-05).
const DATE_KEYS = ["plannedStart", "plannedEnd", "actualStart", "actualEnd"] as const;
const date = (key: (typeof DATE_KEYS)[number], label: Parameters<typeof message>[0]): ImportColumn<Form> => ({
  key,
  label,
  cell: { type: "date" },
  clearable: true,
  fields: [key, "datePrecision"],
  show: (f) => formatDateCell(f[key], f.datePrecision as DatePrecision),
  put: (f, v) => {
    if (v === null) f[key] = "";
    else {
      const d = v as DateCell;
      f[key] = d.iso;
      // Dates kept from the record were written at its precision: read them at the new one.
      f.datePrecision = d.precision;
    }
  },
});

const ROLE_COLUMNS: { key: string; role: Role; label: Parameters<typeof message>[0] }[] = [
  { key: "hosts", role: "HOST", label: "imports.activities.hosts" },
  { key: "organisers", role: "ORGANISER", label: "imports.activities.organisers" },
  { key: "participatingOrganisations", role: "PARTICIPANT", label: "imports.activities.participatingOrganisations" },
  { key: "funders", role: "FUNDER", label: "imports.activities.funders" },
];

const roleColumn = ({ key, role, label }: (typeof ROLE_COLUMNS)[number]): ImportColumn<Form> => ({
  key,
  label,
  note: "imports.notes.organisationList",
  cell: { type: "refs", ref: "organisation" },
  clearable: true,
  fields: ["organisations"],
  show: (f, refs) =>
    f.organisations
      .filter((o) => o.role === role)
      .map((o) => refs.organisationName(o.organisationId))
      .join("; "),
  put: (f, v) => {
    const ids = (v as string[] | null) ?? [];
    f.organisations = [...f.organisations.filter((o) => o.role !== role), ...ids.map((organisationId) => ({ organisationId, role }))];
  },
});

// Participant groups in one cell: "HIRA: 12 (F 7, M 5, O 0); Nurses: 4" —
// an organisation (IATI identifier or name), or a label, or both as
// "HIRA / nurses"; the total, then by sex. A name that is no organisation is
// a label (the preview shows which).
const GROUP = /^(.+?):\s*(\d{1,7})\s*(?:\(\s*F\s*(\d{1,7})\s*,\s*M\s*(\d{1,7})\s*,\s*O\s*(\d{1,7})\s*\))?$/i;

type Group = Form["participantGroups"][number];

function showGroups(f: Form, refs: Refs): string {
  return f.participantGroups
    .map((g) => {
      const name = [g.organisationId ? refs.organisationName(g.organisationId) : "", g.label].filter(Boolean).join(" / ");
      return `${name}: ${g.total} (F ${g.female || 0}, M ${g.male || 0}, O ${g.other || 0})`;
    })
    .join("; ");
}

function parseGroups(raw: unknown, refs: Refs): { value: CellValue } | { error: string } {
  const groups: Group[] = [];
  for (const part of String(raw ?? "").split(/[;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = GROUP.exec(part);
    if (!m) return { error: message("imports.activities.groupFormat", { part }) };
    const name = m[1].trim();
    const slash = name.indexOf(" / ");
    let organisationId = "";
    let label = name;
    if (slash >= 0) {
      const id = refs.organisationId(name.slice(0, slash));
      if (!id) return { error: message("imports.cell.unknownOrganisation", { value: name.slice(0, slash) }) };
      organisationId = id;
      label = name.slice(slash + 3).trim();
    } else {
      const id = refs.organisationId(name);
      if (id) [organisationId, label] = [id, ""];
    }
    groups.push({ organisationId, label, total: m[2], female: m[3] ?? "", male: m[4] ?? "", other: m[5] ?? "" });
  }
  return { value: JSON.stringify(groups) };
}

const columns: ImportColumn<Form>[] = [
  {
    key: "programme",
    label: "imports.activities.programme",
    note: "imports.notes.programme",
    cell: { type: "ref", ref: "programme" },
    required: true,
    fields: ["programmeId", "agreementIds"],
    show: (f, refs) => (f.programmeId ? refs.programmeCodeOf(f.programmeId) : ""),
    put: (f, v) => void (f.programmeId = v === null ? "" : String(v)),
  },
  textColumn("title", "imports.activities.title", { required: true }),
  {
    key: "kind",
    label: "imports.activities.kind",
    cell: { type: "code", codes: ACTIVITY_KINDS, enumGroup: "activityKind" },
    required: true,
    fields: ["kind"],
    show: (f) => f.kind,
    put: (f, v) => void (f.kind = (v === null ? "" : v) as Form["kind"]),
  },
  {
    key: "status",
    label: "imports.activities.status",
    cell: { type: "code", codes: ACTIVITY_STATUSES, enumGroup: "activityStatus" },
    fields: ["status"],
    show: (f) => f.status,
    put: (f, v) => void (f.status = (v === null ? "" : v) as Form["status"]),
  },
  textColumn("description", "imports.activities.description"),
  countryColumn<Form>("imports.activities.country"),
  textColumn("city", "imports.activities.city"),
  date("plannedStart", "imports.activities.plannedStart"),
  date("plannedEnd", "imports.activities.plannedEnd"),
  date("actualStart", "imports.activities.actualStart"),
  date("actualEnd", "imports.activities.actualEnd"),
  intColumn<Form>("participantsTotal", "imports.activities.participantsTotal"),
  intColumn<Form>("participantsFemale", "imports.activities.participantsFemale"),
  intColumn<Form>("participantsMale", "imports.activities.participantsMale"),
  intColumn<Form>("participantsOther", "imports.activities.participantsOther"),
  textColumn("participantsNote", "imports.activities.participantsNote"),
  {
    key: "participantGroups",
    label: "imports.activities.participantGroups",
    note: "imports.notes.participantGroups",
    cell: { type: "custom" },
    clearable: true,
    fields: ["participantGroups"],
    show: showGroups,
    put: (f, v) => void (f.participantGroups = v === null ? [] : (JSON.parse(String(v)) as Group[])),
    parse: parseGroups,
  },
  ...ROLE_COLUMNS.map(roleColumn),
  decimalColumn<Form>("latitude", "imports.activities.latitude"),
  decimalColumn<Form>("longitude", "imports.activities.longitude"),
];

function blankForm(): Form {
  return {
    version: "",
    programmeId: "",
    kind: "" as Form["kind"],
    title: "",
    description: "",
    translations: {} as Form["translations"],
    countryCode: "",
    city: "",
    latitude: "",
    longitude: "",
    status: "PLANNED",
    plannedStart: "",
    plannedEnd: "",
    actualStart: "",
    actualEnd: "",
    datePrecision: "DAY",
    participantsTotal: "",
    participantsFemale: "",
    participantsMale: "",
    participantsOther: "",
    participantsNote: "",
    agreementIds: [],
    organisations: [],
    participantGroups: [],
  };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
const keyOf = (programmeId: string, title: string, start: string) => `${programmeId}|${fold(title)}|${start}`;

export const activitiesKind: ImportKind<Form, (typeof ACTIVITY_LIST.filters)[number]> = {
  name: "activities",
  entityType: "Activity",
  title: "imports.kind.activities",
  recordPath: (id) => `/activities/${id}`,
  list: { spec: ACTIVITY_LIST, page: (scope, query) => listActivities(scope, query) },
  columns: [
    ...idAndVersionColumns<Form>(),
    ...columns,
  ],
  naturalKeyColumns: ["programme", "title", "plannedStart", "actualStart"],
  blankForm,
  async readCurrent(scope: Scope, ids: string[]) {
    const rows = await activityFormsByIds(scope, ids);
    return new Map(rows.map((r): [string, Current<Form>] => [r.id, { id: r.id, version: r.version, form: r.form, label: r.title }]));
  },
  naturalKey(f) {
    const start = f.actualStart || f.plannedStart;
    return f.programmeId && f.title.trim() && start ? keyOf(f.programmeId, f.title, start) : null;
  },
  async findByNaturalKeys(scope, forms) {
    const found = new Map<string, string>();
    const programmeIds = [...new Set(forms.map((f) => f.programmeId).filter(Boolean))];
    const titles = [...new Set(forms.map((f) => f.title.trim()).filter(Boolean))];
    if (!programmeIds.length || !titles.length) return found;
    for (const a of await activitiesByTitles(scope, programmeIds, titles)) {
      // Either start date identifies it: the file may give the planned or the actual one.
      for (const start of [day(a.actualStart), day(a.plannedStart)]) if (start) found.set(keyOf(a.programmeId, a.title, start), a.id);
    }
    return found;
  },
  rowCheck(cells) {
    const given = DATE_KEYS.flatMap((k) => {
      const v = cells.get(k);
      return v ? [{ k, precision: (v as DateCell).precision }] : [];
    });
    const first = given[0];
    const other = given.find((g) => g.precision !== first?.precision);
    return other ? { [other.k]: message("imports.activities.mixedPrecision") } : {};
  },
  schema: ActivityFormSchema,
  create: (tx, ctx, data) => createActivityIn(tx, ctx, data as ActivityForm),
  update: (tx, ctx, id, version, data) => updateActivityIn(tx, ctx, id, version, data as ActivityForm),
  createBatch: (tx, ctx, datas) => createActivitiesIn(tx, ctx, datas as ActivityForm[]),
  updateBatch: (tx, ctx, items) => updateActivitiesIn(tx, ctx, items as { id: string; version: number; data: ActivityForm }[]),
};
