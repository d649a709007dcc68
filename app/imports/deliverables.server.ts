import type { Scope } from "~/auth/scope.server";
import {
  DELIVERABLE_LIST,
  createDeliverableIn,
  deliverableFormDefaults,
  deliverableFormsByIds,
  deliverablesByTitles,
  listDeliverables,
  updateDeliverableIn,
} from "~/models/deliverable.server";
import { DELIVERABLE_STATUSES, DeliverableFormSchema, type DeliverableForm } from "~/schemas/deliverable";
import { fold } from "./cells";
import { codeColumn, dayColumn, idAndVersionColumns, idColumn, organisationColumn, programmeColumn, textColumn } from "./columns.server";
import type { Current, ImportColumn, ImportKind } from "./kind.server";

// Deliverables in a spreadsheet (issue 19, point 1): the deliverable form's
// values. The agreement and the activity are named by their ids (the
// download writes them; titles are not unique within a programme); the
// evidence document and the translations are not in the file and so are
// never touched by an import.

type Form = ReturnType<typeof deliverableFormDefaults>;

const columns: ImportColumn<Form>[] = [
  programmeColumn<Form>("imports.deliverables.programme", ["programmeId"]),
  textColumn<Form>("title", "imports.deliverables.title", { required: true }),
  codeColumn<Form>("status", "status", "imports.deliverables.status", DELIVERABLE_STATUSES, "deliverableStatus"),
  dayColumn<Form>("dueDate", "imports.deliverables.dueDate"),
  organisationColumn<Form>("responsibleOrg", "responsibleOrgId", "imports.deliverables.responsibleOrg"),
  idColumn<Form>("agreement", "agreementId", "imports.deliverables.agreement", "imports.notes.recordId"),
  idColumn<Form>("activity", "activityId", "imports.deliverables.activity", "imports.notes.recordId"),
  textColumn<Form>("description", "imports.deliverables.description"),
  dayColumn<Form>("submittedOn", "imports.deliverables.submittedOn"),
  dayColumn<Form>("acceptedOn", "imports.deliverables.acceptedOn"),
];

function blankForm(): Form {
  return {
    version: "",
    programmeId: "",
    agreementId: "",
    activityId: "",
    responsibleOrgId: "",
    title: "",
    description: "",
    translations: { ru: { title: "", description: "" }, ko: { title: "", description: "" } },
    dueDate: "",
    status: "NOT_STARTED",
    evidenceDocumentId: "",
    submittedOn: "",
    acceptedOn: "",
    outcomeId: "",
  };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
const keyOf = (programmeId: string, title: string, due: string) => `${programmeId}|${fold(title)}|${due}`;

export const deliverablesKind: ImportKind<Form, (typeof DELIVERABLE_LIST.filters)[number]> = {
  name: "deliverables",
  entityType: "Deliverable",
  title: "imports.kind.deliverables",
  recordPath: (id) => `/deliverables/${id}`,
  list: { spec: DELIVERABLE_LIST, page: (scope, query) => listDeliverables(scope, query) },
  columns: [...idAndVersionColumns<Form>(), ...columns],
  naturalKeyColumns: ["programme", "title", "dueDate"],
  blankForm,
  async readCurrent(scope: Scope, ids: string[]) {
    const rows = await deliverableFormsByIds(scope, ids);
    return new Map(rows.map((r): [string, Current<Form>] => [r.id, { id: r.id, version: r.version, form: r.form, label: r.title }]));
  },
  naturalKey: (f) => (f.programmeId && f.title.trim() && f.dueDate ? keyOf(f.programmeId, f.title, f.dueDate) : null),
  async findByNaturalKeys(scope, forms) {
    const found = new Map<string, string>();
    const programmeIds = [...new Set(forms.map((f) => f.programmeId).filter(Boolean))];
    const titles = [...new Set(forms.map((f) => f.title.trim()).filter(Boolean))];
    if (!programmeIds.length || !titles.length) return found;
    for (const d of await deliverablesByTitles(scope, programmeIds, titles)) if (d.dueDate) found.set(keyOf(d.programmeId, d.title, day(d.dueDate)), d.id);
    return found;
  },
  schema: DeliverableFormSchema,
  create: (tx, ctx, data) => createDeliverableIn(tx, ctx, data as DeliverableForm),
  update: (tx, ctx, id, version, data) => updateDeliverableIn(tx, ctx, id, version, data as DeliverableForm),
};

