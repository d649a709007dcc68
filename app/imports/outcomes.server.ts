import type { Scope } from "~/auth/scope.server";
import { message } from "~/i18n/translate";
import { OUTCOME_LIST, createOutcomeIn, listOutcomes, outcomeFormDefaults, outcomeFormsByIds, outcomesByTexts, updateOutcomeIn } from "~/models/outcome.server";
import { FOLLOW_UP_STATUSES, OUTCOME_TYPES, OutcomeFormSchema, type OutcomeForm } from "~/schemas/outcome";
import { cellText, fold, parseCode, parseDate, type RawCell } from "./cells";
import { codeColumn, codeLabels, dayColumn, idAndVersionColumns, idColumn, organisationColumn, textColumn } from "./columns.server";
import type { CellValue, Current, ImportColumn, ImportKind } from "./kind.server";
import type { Refs } from "./refs.server";

// Workshop outcomes in a spreadsheet (issue 19, point 1), with their
// follow-up actions. The outcome form holds the actions as its rows (no id of
// their own; the model replaces them all on each save, the history keeping
// before and after), so they are imported the same way: as one cell of the
// outcome's row, one action per line, "what | owner | due date | status" —
// the line the outcome's history already shows. An action whose text is
// unchanged keeps the deliverable it produced (that link is made on the form).

type Form = ReturnType<typeof outcomeFormDefaults>;
type Action = Form["followUps"][number];


function showActions(f: Form, refs: Refs): string {
  return f.followUps
    .map((a) => [a.description, a.ownerOrgId ? refs.organisationName(a.ownerOrgId) : "", a.dueDate, a.status].join(" | "))
    .join("\n");
}

/** The cell's actions (without their deliverables), or the first line that is not one. */
function parseActions(raw: RawCell, refs: Refs): { value: CellValue } | { error: string } {
  const actions: Omit<Action, "deliverableId">[] = [];
  for (const line of cellText(raw).split(/\r?\n/).map((s) => s.trim()).filter(Boolean)) {
    const parts = line.split("|").map((s) => s.trim());
    // A description may itself hold "|": the last three parts are owner, due date and status.
    const [owner, due, status] = parts.length >= 4 ? parts.slice(-3) : ["", "", ""];
    const description = parts.length >= 4 ? parts.slice(0, -3).join(" | ") : parts.length === 1 ? parts[0] : "";
    if (!description) return { error: message("imports.outcomes.followUpFormat", { part: line }) };
    const ownerOrgId = owner ? refs.organisationId(owner) : "";
    if (ownerOrgId === undefined) return { error: message("imports.cell.unknownOrganisation", { value: owner }) };
    const date = due ? parseDate(due) : null;
    if (due && !date) return { error: message("imports.cell.date", { value: due }) };
    if (date && date.precision !== "DAY") return { error: message("imports.cell.dayOnly") };
    const code = status ? parseCode(status, FOLLOW_UP_STATUSES, codeLabels("followUpStatus")) : "NOT_STARTED";
    if (!code) return { error: message("imports.cell.code", { value: status, codes: FOLLOW_UP_STATUSES.join(", ") }) };
    actions.push({ description, ownerOrgId, dueDate: date?.iso ?? "", status: code as Action["status"] });
  }
  return { value: JSON.stringify(actions) };
}

function putActions(f: Form, value: CellValue | null) {
  const parsed = value === null ? [] : (JSON.parse(String(value)) as Omit<Action, "deliverableId">[]);
  const kept = [...f.followUps];
  f.followUps = parsed.map((a) => {
    const i = kept.findIndex((k) => fold(k.description) === fold(a.description));
    const deliverableId = i >= 0 ? kept.splice(i, 1)[0].deliverableId : "";
    return { ...a, deliverableId };
  });
}

const columns: ImportColumn<Form>[] = [
  { ...idColumn<Form>("activity", "activityId", "imports.outcomes.activity", "imports.notes.recordId"), required: true, clearable: false },
  codeColumn<Form>("type", "type", "imports.outcomes.type", OUTCOME_TYPES, "outcomeType", { required: true }),
  textColumn<Form>("text", "imports.outcomes.text", { required: true }),
  organisationColumn<Form>("responsibleOrg", "responsibleOrgId", "imports.outcomes.responsibleOrg"),
  dayColumn<Form>("dueDate", "imports.outcomes.dueDate"),
  codeColumn<Form>("followUpStatus", "followUpStatus", "imports.outcomes.followUpStatus", FOLLOW_UP_STATUSES, "followUpStatus"),
  textColumn<Form>("followUpNote", "imports.outcomes.followUpNote"),
  idColumn<Form>("deliverable", "deliverableId", "imports.outcomes.deliverable", "imports.notes.recordId"),
  {
    key: "followUps",
    label: "imports.outcomes.followUps",
    note: "imports.notes.followUps",
    cell: { type: "custom" },
    clearable: true,
    fields: ["followUps"],
    show: showActions,
    put: (f, v) => putActions(f, v),
    parse: parseActions,
    // Each line's status (its last part) as its label in the reader's language.
    display: (text, t) =>
      text
        .split("\n")
        .map((line) => {
          const parts = line.split(" | ");
          parts[parts.length - 1] = t.label("followUpStatus", parts[parts.length - 1]);
          return parts.join(" | ");
        })
        .join("\n"),
  },
];

function blankForm(): Form {
  return {
    version: "",
    activityId: "",
    type: "" as Form["type"],
    text: "",
    translations: { ru: { text: "" }, ko: { text: "" } },
    responsibleOrgId: "",
    dueDate: "",
    followUpStatus: "NOT_STARTED",
    followUpNote: "",
    deliverableId: "",
    followUps: [],
  };
}

const keyOf = (activityId: string, text: string) => `${activityId}|${fold(text)}`;

export const outcomesKind: ImportKind<Form, (typeof OUTCOME_LIST.filters)[number]> = {
  name: "outcomes",
  entityType: "Outcome",
  title: "imports.kind.outcomes",
  recordPath: (id) => `/outcomes/${id}`,
  list: { spec: OUTCOME_LIST, page: (scope, query) => listOutcomes(scope, query) },
  columns: [...idAndVersionColumns<Form>(), ...columns],
  naturalKeyColumns: ["activity", "text"],
  blankForm,
  async readCurrent(scope: Scope, ids: string[]) {
    const rows = await outcomeFormsByIds(scope, ids);
    return new Map(rows.map((r): [string, Current<Form>] => [r.id, { id: r.id, version: r.version, form: r.form, label: r.text.slice(0, 120) }]));
  },
  naturalKey: (f) => (f.activityId && f.text.trim() ? keyOf(f.activityId, f.text) : null),
  async findByNaturalKeys(scope, forms) {
    const found = new Map<string, string>();
    const activityIds = [...new Set(forms.map((f) => f.activityId).filter(Boolean))];
    const texts = [...new Set(forms.map((f) => f.text.trim()).filter(Boolean))];
    if (!activityIds.length || !texts.length) return found;
    for (const o of await outcomesByTexts(scope, activityIds, texts)) found.set(keyOf(o.activityId, o.text), o.id);
    return found;
  },
  schema: OutcomeFormSchema,
  create: (tx, ctx, data) => createOutcomeIn(tx, ctx, data as OutcomeForm),
  update: (tx, ctx, id, version, data) => updateOutcomeIn(tx, ctx, id, version, data as OutcomeForm),
};
