import {
  ApproveReportSchema,
  ProgressReportFormSchema,
  ReopenReportSchema,
  reportFormDefaults,
  ReturnReportSchema,
} from "~/schemas/progress-report";
import type { ApiCaller, ApiResource } from "~/utils/api-resource.server";
import { patchedValues } from "~/utils/api-resource.server";
import { parseAsForm, requireApiVersion } from "~/utils/api-input.server";
import { apiTranslator } from "~/utils/api-response.server";
import { parseListQuery } from "~/utils/list-query";
import { listProgressReports, PROGRESS_REPORT_LIST, type ProgressReportRow } from "./progress-report-list.server";
import { approveReport, readReport, reopenReport, returnReport, saveDraft, submitReport } from "./progress-report.server";

// Progress reports through the JSON API (/api/v1/progress-reports, issue 19,
// point 5; ADR 0041 and the workflow of ADR 0037). Reports are made by their
// requirement's periods (/api/v1/reporting-requirements), so there is no
// create and no archive: the list, one report, PATCH = saving the draft, and
// the workflow's steps (submit, return, approve, reopen) as POSTs with the
// version. Every read goes through progressReportWhere (a partner's token:
// its countries' reports; a donor's: approved reports of the programmes it
// funds; anything else is 404), and every write is the report pages' model
// function, so who may do what (reportAbilities) and the messages are the
// pages' own: a partner's approve is 403, a save outside the editable
// statuses is refused on `_form`.

const day = (d: Date) => d.toISOString().slice(0, 10);

function listItem(r: ProgressReportRow) {
  return {
    id: r.id,
    status: r.status,
    sequence: r.sequence,
    periodStart: day(r.periodStart),
    periodEnd: day(r.periodEnd),
    dueDate: day(r.dueDate),
    countryCode: r.countryCode,
    programmeId: r.programme.id,
    programmeCode: r.programme.code,
    requirementId: r.requirement.id,
    requirementTitle: r.requirement.title,
    reporter: r.requirement.reporter,
    overdue: r.overdue,
    dueSoon: r.dueSoon,
  };
}

type Loaded = Awaited<ReturnType<typeof readReport>>;

/**
 * A report as its page loads it: the form's values at the top (narrative,
 * translations, indicators, participants, items: what a PATCH sends back),
 * the report's state, and what the page shows beside them (`sections`: each
 * indicator with its target and previous value, the activities, deliverables
 * and follow-up actions of the period), the review comments, evidence
 * documents and history (a donor's: none, as on its page).
 */
export function progressReportResource(loaded: Loaded) {
  const { version: _formVersion, ...values } = reportFormDefaults(loaded);
  const { report } = loaded;
  return {
    ...values,
    id: report.id,
    version: report.version,
    status: report.status,
    sequence: report.sequence,
    periodStart: day(report.periodStart),
    periodEnd: day(report.periodEnd),
    dueDate: day(report.dueDate),
    lang: report.lang,
    round: report.round,
    countryCode: report.countryCode,
    submittedAt: report.submittedAt,
    returnedAt: report.returnedAt,
    approvedAt: report.approvedAt,
    reopenedAt: report.reopenedAt,
    reopenReason: report.reopenReason,
    requirement: report.requirement,
    programme: loaded.programme,
    abilities: loaded.abilities,
    sections: { indicators: loaded.indicators, activities: loaded.activities, items: loaded.items },
    comments: loaded.comments,
    documents: loaded.documents,
    history: loaded.history,
  };
}

export type ProgressReportResource = ReturnType<typeof progressReportResource>;

const read = async (caller: ApiCaller, id: string) => progressReportResource(await readReport(caller, id));

export const progressReportApi: ApiResource<ProgressReportResource> = {
  path: "/api/v1/progress-reports",
  notFound: "Progress report not found",
  /** One page of the reports the scope sees, by the /progress-reports page's parameters (q, status, programme, country, due; sort, dir, page). */
  async list(caller, params) {
    const query = parseListQuery(params, PROGRESS_REPORT_LIST);
    const { rows, total } = await listProgressReports(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  read,
  /** Saves the draft: the fields sent over the report's values, the version required, the report form's schema; a first save takes the writer's language (Accept-Language) for the narrative, as the page does. */
  async update(caller, id, body, request) {
    const current = await read(caller, id);
    const { values, version } = patchedValues(current, body);
    await saveDraft(caller, current.id, version, parseAsForm(ProgressReportFormSchema, values, "progress report"), apiTranslator(request).locale);
    return read(caller, id);
  },
};

type Step = (caller: ApiCaller, id: string, body: Record<string, unknown>) => Promise<ProgressReportResource>;

/** The workflow's steps, each the report page's intent with its schema and model function. */
export const progressReportSteps: Record<"submit" | "return" | "approve" | "reopen", Step> = {
  async submit(caller, id, body) {
    await submitReport(caller, id, requireApiVersion(body));
    return read(caller, id);
  },
  async return(caller, id, body) {
    const data = parseAsForm(ReturnReportSchema, { ...body, version: String(requireApiVersion(body)) }, "return");
    await returnReport(caller, id, data.version, data.comments);
    return read(caller, id);
  },
  async approve(caller, id, body) {
    const data = parseAsForm(ApproveReportSchema, { ...body, version: String(requireApiVersion(body)) }, "approval");
    await approveReport(caller, id, data.version);
    return read(caller, id);
  },
  async reopen(caller, id, body) {
    const data = parseAsForm(ReopenReportSchema, { ...body, version: String(requireApiVersion(body)) }, "reopening");
    await reopenReport(caller, id, data.version, data.reason);
    return read(caller, id);
  },
};
