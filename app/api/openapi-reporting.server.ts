import { extendZodWithOpenApi, type OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { PROGRESS_REPORT_LIST } from "~/models/progress-report-list.server";
import { REQUIREMENT_LIST } from "~/models/reporting-requirement.server";
import { ApproveReportSchema, ProgressReportFormSchema, REPORT_SECTIONS, ReopenReportSchema, ReturnReportSchema } from "~/schemas/progress-report";
import { PROGRESS_REPORT_STATUSES, REPORTER_KINDS, REPORTING_FREQUENCIES, RequirementFormSchema } from "~/schemas/reporting-requirement";
import { archivedParam, dateOrNull, listParams, registerResource, sorts, type OpenApiShared } from "./openapi-records.server";

// The OpenAPI paths of issue 18's record types (ADR 0036/0037) in /api/v1
// (issue 19, point 5): reporting requirements, the five operations of every
// record type (staff only), and progress reports, which are made by their
// requirement's periods: no create or archive, but PATCH saves the draft and
// four workflow steps move the report on. Bodies are the report pages' own
// zod schemas. Registered by openApiDocument (openapi.server.ts).

extendZodWithOpenApi(z);

const day = z.string().openapi({ description: "YYYY-MM-DD" });

/** Registers /api/v1/reporting-requirements and /api/v1/progress-reports (with its workflow steps). */
export function registerReportingApis(registry: OpenAPIRegistry, shared: OpenApiShared): void {
  const { security, problems } = shared;

  registerResource(registry, shared, {
    path: "/api/v1/reporting-requirements",
    name: "ReportingRequirement",
    noun: "reporting requirement",
    listDescription:
      "The programmes' reporting requirements (who reports how often), as their staff pages list them. Staff only: partners' and donors' tokens are refused (403). Their periods' reports are /api/v1/progress-reports.",
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in titles and programmes' codes and titles." }),
      ...listParams(sorts(REQUIREMENT_LIST.sorts)),
      programme: z.string().optional().openapi({ description: "A programme's id." }),
      frequency: z.enum(REPORTING_FREQUENCIES).optional(),
      reporter: z.enum(REPORTER_KINDS).optional(),
      archived: archivedParam,
    }),
    listItem: z.object({
      id: z.string(),
      title: z.string(),
      programmeId: z.string(),
      programmeCode: z.string(),
      agreementId: z.string().nullable(),
      frequency: z.enum(REPORTING_FREQUENCIES),
      startDate: dateOrNull,
      endDate: dateOrNull,
      dueDays: z.number().int(),
      reporter: z.enum(REPORTER_KINDS),
      reporterCountryCode: z.string().nullable(),
      reporterOrganisationId: z.string().nullable(),
      archived: z.boolean(),
    }),
    input: RequirementFormSchema.and(z.object({ programmeCode: z.string().openapi({ description: "The programme's code (on create; a change keeps the programme)." }) })),
    inputDescription:
      "The reporting requirement form's fields (app/schemas/reporting-requirement.ts) and the programme's code. Creating or changing one makes, moves or drops its periods' reports; a period whose report holds data is never dropped or moved (the change is refused next to the field that caused it).",
    record: z.object({
      id: z.string(),
      version: z.number().int(),
      archived: z.boolean(),
      updatedAt: z.string().datetime(),
      programmeId: z.string(),
      programmeCode: z.string(),
      title: z.string(),
      frequency: z.enum(REPORTING_FREQUENCIES),
      reporter: z.enum(REPORTER_KINDS),
    }),
    writers: "staff",
    readers: "staff",
    archive: true,
    archiveDescription: "Its reports stay, but partners and donors no longer see them; staff can restore it on its edit page. Repeating it answers the same record.",
  });

  const path = "/api/v1/progress-reports";
  const ListItem = registry.register(
    "ProgressReportListItem",
    z.object({
      id: z.string(),
      status: z.enum(PROGRESS_REPORT_STATUSES),
      sequence: z.number().int(),
      periodStart: day,
      periodEnd: day,
      dueDate: day,
      countryCode: z.string().nullable(),
      programmeId: z.string(),
      programmeCode: z.string(),
      requirementId: z.string(),
      requirementTitle: z.string(),
      reporter: z.enum(REPORTER_KINDS),
      overdue: z.boolean(),
      dueSoon: z.boolean(),
    }),
  );
  const Page = registry.register(
    "ProgressReportPage",
    z.object({ data: z.array(ListItem), page: z.number().int(), perPage: z.number().int(), total: z.number().int() }),
  );
  registry.register(
    "ProgressReportInput",
    ProgressReportFormSchema.openapi({ description: "The progress report form's fields (app/schemas/progress-report.ts): the narrative, its translations, and rows for the period's indicators, activities' participants, deliverables and follow-up actions." }),
  );
  const Patch = registry.register(
    "ProgressReportPatch",
    z
      .object({ version: z.number().int().min(1).openapi({ description: "The version read; a stale one answers 409 with the current report." }) })
      .catchall(z.unknown())
      .openapi({ description: "`version` and any fields of ProgressReportInput to change; fields not sent keep their stored values (a row group sent replaces the group)." }),
  );
  const Report = registry.register(
    "ProgressReport",
    z
      .object({
        id: z.string(),
        version: z.number().int(),
        status: z.enum(PROGRESS_REPORT_STATUSES),
        periodStart: day,
        periodEnd: day,
        dueDate: day,
        round: z.number().int(),
        abilities: z.record(z.boolean()).openapi({ description: "What the caller may do with it now (edit, submit, return, approve, reopen…)." }),
        sections: z.record(z.unknown()).openapi({ description: "What the report page shows beside the form: the period's indicators (target, previous value), activities, deliverables and follow-up actions." }),
      })
      .catchall(z.unknown())
      .openapi({ description: "The report as its page loads it: every ProgressReportInput field as stored, its state, the sections, review comments, evidence documents and history (a donor's: neither comments nor history)." }),
  );
  const id = z.string().openapi({ param: { name: "id", in: "path", description: "The report's id." } });
  registry.registerPath({
    method: "get",
    path,
    summary: "List progress reports",
    description:
      "The progress reports page's query, in the caller's scope: a partner sees its countries' reports, a donor the approved reports of the programmes its organisations fund. There is no create or archive: a requirement's periods make its reports (/api/v1/reporting-requirements).",
    security,
    request: {
      query: z.object({
        q: z.string().optional().openapi({ description: "Search in requirements' titles and programmes' codes and titles." }),
        ...listParams(sorts(PROGRESS_REPORT_LIST.sorts)),
        status: z.enum(PROGRESS_REPORT_STATUSES).optional(),
        programme: z.string().optional().openapi({ description: "A programme's id." }),
        country: z.string().optional().openapi({ description: "ISO 3166-1 alpha-2 code." }),
        due: z.enum(PROGRESS_REPORT_LIST.choices.due).optional().openapi({ description: "overdue: open and due before today; next30: open and due within 30 days." }),
      }),
    },
    responses: { 200: { description: "One page (25 rows).", content: { "application/json": { schema: Page } } }, ...problems(401, 429) },
  });
  registry.registerPath({
    method: "get",
    path: `${path}/{id}`,
    summary: "Read a progress report",
    security,
    request: { params: z.object({ id }) },
    responses: { 200: { description: "The report.", content: { "application/json": { schema: Report } } }, ...problems(401, 404, 429) },
  });
  registry.registerPath({
    method: "patch",
    path: `${path}/{id}`,
    summary: "Save a progress report's draft (its reporter, or staff)",
    description: "As the report page's Save draft: nothing needs to be complete; a first save starts the report (DRAFT) in the Accept-Language language. Only while it is not started, a draft or returned.",
    security,
    request: { params: z.object({ id }), body: { required: true, content: { "application/json": { schema: Patch } } } },
    responses: { 200: { description: "The report as saved.", content: { "application/json": { schema: Report } } }, ...problems(400, 401, 403, 404, 409, 415, 429) },
  });
  const steps = [
    { step: "submit", schema: ApproveReportSchema, summary: "Submit a progress report (its reporter, or staff)", description: "The narrative and every indicator's value must be there, or the missing ones are named (errors)." },
    { step: "return", schema: ReturnReportSchema, summary: "Return a submitted progress report (staff)", description: `With comments by section (${REPORT_SECTIONS.join(", ")}), at least one.` },
    { step: "approve", schema: ApproveReportSchema, summary: "Approve a submitted progress report (staff)", description: "Its figures become the official ones (indicator periods, activities' participants, deliverables' and follow-up actions' statuses)." },
    { step: "reopen", schema: ReopenReportSchema, summary: "Reopen an approved progress report (staff)", description: "It goes back to its reporter (RETURNED) with the reason as a comment." },
  ] as const;
  for (const s of steps) {
    const Body = registry.register(`ProgressReport${s.step[0].toUpperCase()}${s.step.slice(1)}`, s.schema.openapi({ description: `The report page's ${s.step} form: the version read (a stale one answers 409 with the current report).` }));
    registry.registerPath({
      method: "post",
      path: `${path}/{id}/${s.step}`,
      summary: s.summary,
      description: s.description,
      security,
      request: { params: z.object({ id }), body: { required: true, content: { "application/json": { schema: Body } } } },
      responses: { 200: { description: "The report after the step.", content: { "application/json": { schema: Report } } }, ...problems(400, 401, 403, 404, 409, 415, 429) },
    });
  }
}
