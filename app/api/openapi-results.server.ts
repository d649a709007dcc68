import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { DELIVERABLE_LIST } from "~/models/deliverable.server";
import { DeliverableFormSchema, DELIVERABLE_STATUSES } from "~/schemas/deliverable";
import { OUTCOME_LIST } from "~/models/outcome.server";
import { FOLLOW_UP_STATUSES, OutcomeFormSchema, OUTCOME_TYPES } from "~/schemas/outcome";
import { INDICATOR_LIST } from "~/models/indicator.server";
import { IndicatorFormSchema, INDICATOR_MEASURES, RESULT_TYPES } from "~/schemas/indicator";

// The five operations of one /api/v1 record type in the OpenAPI document
// (issue 19, point 5): list, create, read, change, archive. Used for the record
// types after programmes and activities (deliverables, outcomes, indicators),
// which share app/utils/api-routes.server.ts, so their documented operations
// are as uniform as their handlers. The schemas are the forms' own.

export type RecordPaths = {
  /** "/api/v1/deliverables" */
  base: string;
  /** "deliverable", "outcome": in summaries. */
  noun: string;
  /** The component names: <Name>Input, <Name>Patch, <Name>, <Name>ListItem, <Name>Page. */
  name: string;
  /** The form's zod schema: the request body of POST. */
  input: z.ZodTypeAny;
  /** The record as returned (the form's values plus id, version, archived...). */
  record: z.ZodTypeAny;
  listItem: z.ZodTypeAny;
  /** The list page's URL parameters. */
  query: z.AnyZodObject;
  listDescription: string;
  inputDescription: string;
  archiveDescription: string;
};

type Shared = { registry: OpenAPIRegistry; security: Record<string, string[]>[]; problems: (...statuses: number[]) => Record<string, unknown> };

export function registerRecordPaths({ registry, security, problems }: Shared, r: RecordPaths) {
  const Input = registry.register(`${r.name}Input`, r.input.openapi({ description: r.inputDescription }));
  const Patch = registry.register(
    `${r.name}Patch`,
    z
      .object({ version: z.number().int().min(1).openapi({ description: "The version read; a stale one answers 409 with the current record." }) })
      .catchall(z.unknown())
      .openapi({ description: `\`version\` and any fields of ${r.name}Input to change; fields not sent keep their stored values.` }),
  );
  const Record = registry.register(r.name, r.record);
  const ListItem = registry.register(`${r.name}ListItem`, r.listItem);
  const Page = registry.register(`${r.name}Page`, z.object({ data: z.array(ListItem), page: z.number().int(), perPage: z.number().int(), total: z.number().int() }));
  const id = z.string().openapi({ param: { name: "id", in: "path", description: `The ${r.noun}'s id.` } });
  const json = (schema: unknown) => ({ "application/json": { schema } });
  const an = /^[aeiou]/.test(r.noun) ? "an" : "a";

  registry.registerPath({
    method: "get",
    path: r.base,
    summary: `List ${r.noun}s`,
    description: r.listDescription,
    security,
    request: { query: r.query },
    responses: { 200: { description: "One page (25 rows).", content: json(Page) }, ...problems(401, 429) } as never,
  });
  registry.registerPath({
    method: "post",
    path: r.base,
    summary: `Create ${an} ${r.noun} (staff)`,
    security,
    request: { body: { required: true, content: json(Input) as never } },
    responses: { 201: { description: "Created.", content: json(Record) }, ...problems(400, 401, 403, 415, 429) } as never,
  });
  registry.registerPath({
    method: "get",
    path: `${r.base}/{id}`,
    summary: `Read ${an} ${r.noun}`,
    security,
    request: { params: z.object({ id }) },
    responses: { 200: { description: `The ${r.noun}.`, content: json(Record) }, ...problems(401, 404, 429) } as never,
  });
  registry.registerPath({
    method: "patch",
    path: `${r.base}/{id}`,
    summary: `Change ${an} ${r.noun} (staff)`,
    security,
    request: { params: z.object({ id }), body: { required: true, content: json(Patch) as never } },
    responses: { 200: { description: `The ${r.noun} as saved.`, content: json(Record) }, ...problems(400, 401, 403, 404, 409, 415, 429) } as never,
  });
  registry.registerPath({
    method: "post",
    path: `${r.base}/{id}/archive`,
    summary: `Archive ${an} ${r.noun} (staff)`,
    description: r.archiveDescription,
    security,
    request: { params: z.object({ id }) },
    responses: { 200: { description: `The archived ${r.noun}.`, content: json(Record) }, ...problems(401, 403, 404, 429) } as never,
  });
}

const dateOrNull = z.string().nullable();
const listQuery = <S extends readonly [string, ...string[]]>(sorts: S) => ({
  sort: z.enum(sorts).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  page: z.number().int().min(1).optional(),
  programme: z.string().optional().openapi({ description: "A programme's id." }),
  country: z.string().optional().openapi({ description: "ISO 3166-1 alpha-2 code." }),
  archived: z.enum(["1"]).optional().openapi({ description: "Staff: the archived records instead." }),
});
const stamp = { id: z.string(), version: z.number().int(), archived: z.boolean(), updatedAt: z.string().datetime() };

/** Deliverables, outcomes (with their follow-up actions) and indicators (with their periods). */
export function registerResultPaths(shared: Shared) {
  registerRecordPaths(shared, {
    base: "/api/v1/deliverables",
    noun: "deliverable",
    name: "Deliverable",
    input: DeliverableFormSchema,
    inputDescription: "The deliverable form's fields (app/schemas/deliverable.ts). `outcomeId` (create only) links the workshop outcome it carries out.",
    record: z
      .object({ ...stamp, programmeId: z.string(), title: z.string(), status: z.enum(DELIVERABLE_STATUSES), overdue: z.boolean().openapi({ description: "Due before today and still open (computed)." }) })
      .catchall(z.unknown())
      .openapi({ description: "The deliverable as the edit form holds it (every DeliverableInput field), with id, version, archived and overdue." }),
    listItem: z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(DELIVERABLE_STATUSES),
      dueDate: dateOrNull,
      overdue: z.boolean(),
      programmeCode: z.string(),
      responsibleOrgId: z.string().nullable(),
      archived: z.boolean(),
    }),
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in titles, descriptions, programmes, responsible organisations and countries." }),
      ...listQuery(DELIVERABLE_LIST.sorts),
      status: z.enum(DELIVERABLE_STATUSES).optional(),
      organisation: z.string().optional().openapi({ description: "The responsible organisation's id." }),
      due: z.enum(["overdue", "next30"]).optional(),
      from: z.string().optional().openapi({ description: "YYYY-MM-DD: due on or after." }),
      to: z.string().optional().openapi({ description: "YYYY-MM-DD: due on or before." }),
    }),
    listDescription: "The deliverables list page's query, in the caller's scope: a partner sees its countries' deliverables, a donor those of the programmes its organisations fund.",
    archiveDescription: "A soft delete: the deliverable leaves the lists and partners' and donors' views; staff can restore it on its page. Repeating it answers the same record.",
  });

  registerRecordPaths(shared, {
    base: "/api/v1/outcomes",
    noun: "outcome",
    name: "Outcome",
    input: OutcomeFormSchema,
    inputDescription:
      "The outcome form's fields (app/schemas/outcome.ts). Follow-up actions are the outcome's `followUps` rows, as on the form: not a resource of their own; a PATCH that sends `followUps` replaces them all, one that does not keeps them.",
    record: z
      .object({
        ...stamp,
        activityId: z.string(),
        type: z.enum(OUTCOME_TYPES),
        text: z.string(),
        followUpStatus: z.enum(FOLLOW_UP_STATUSES),
        followUps: z.array(z.object({ description: z.string(), ownerOrgId: z.string(), dueDate: z.string(), status: z.enum(FOLLOW_UP_STATUSES), deliverableId: z.string() })),
      })
      .catchall(z.unknown())
      .openapi({ description: "The outcome as the edit form holds it (every OutcomeInput field, its follow-up actions as `followUps`), with id, version and archived." }),
    listItem: z.object({
      id: z.string(),
      type: z.enum(OUTCOME_TYPES),
      text: z.string(),
      dueDate: dateOrNull,
      followUpStatus: z.enum(FOLLOW_UP_STATUSES),
      activityId: z.string(),
      programmeCode: z.string(),
      responsibleOrgId: z.string().nullable(),
      archived: z.boolean(),
    }),
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in texts, follow-up notes, activities, responsible organisations and countries." }),
      ...listQuery(OUTCOME_LIST.sorts),
      type: z.enum(OUTCOME_TYPES).optional(),
      status: z.enum(FOLLOW_UP_STATUSES).optional().openapi({ description: "The follow-up status." }),
      organisation: z.string().optional().openapi({ description: "The responsible organisation's id." }),
      followUp: z.enum(["missing", "overdue"]).optional(),
      from: z.string().optional().openapi({ description: "YYYY-MM-DD: due on or after." }),
      to: z.string().optional().openapi({ description: "YYYY-MM-DD: due on or before." }),
    }),
    listDescription: "The outcomes list page's query, in the caller's scope: a partner sees the outcomes of its countries' activities, a donor those of the programmes its organisations fund.",
    archiveDescription: "A soft delete of the outcome with its follow-up actions: it leaves the lists and partners' and donors' views; staff can restore it on its page. Repeating it answers the same record.",
  });

  const decimalOrNull = z.string().nullable();
  registerRecordPaths(shared, {
    base: "/api/v1/indicators",
    noun: "indicator",
    name: "Indicator",
    input: IndicatorFormSchema,
    inputDescription:
      "The indicator form's fields (app/schemas/indicator.ts): the baseline on the indicator, targets and actuals per row of `periods`. A PATCH that sends `periods` replaces them all, as the form does. The actuals of a period an approved progress report made official cannot change (400 on periods.<n>.actualValue, the form's message) until that report is reopened.",
    record: z
      .object({
        ...stamp,
        programmeId: z.string(),
        title: z.string(),
        resultType: z.enum(RESULT_TYPES),
        measure: z.enum(INDICATOR_MEASURES),
        periods: z.array(z.object({ periodStart: z.string(), periodEnd: z.string(), targetValue: z.string(), actualValue: z.string() }).catchall(z.unknown())),
        lockedPeriods: z
          .array(z.object({ periodStart: z.string(), periodEnd: z.string() }))
          .openapi({ description: "Periods whose actuals an approved progress report made official: they change only when that report is reopened." }),
      })
      .catchall(z.unknown())
      .openapi({ description: "The indicator as the edit form holds it (every IndicatorInput field, periods as rows), with id, version, archived and lockedPeriods." }),
    listItem: z.object({
      id: z.string(),
      title: z.string(),
      resultType: z.enum(RESULT_TYPES),
      measure: z.enum(INDICATOR_MEASURES),
      unitLabel: z.string().nullable(),
      baselineValue: decimalOrNull,
      baselineYear: z.number().int().nullable(),
      programmeCode: z.string(),
      latest: z.object({ periodStart: z.string(), periodEnd: z.string(), targetValue: decimalOrNull, actualValue: decimalOrNull }).nullable(),
      archived: z.boolean(),
    }),
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in titles, descriptions, units, programmes and countries." }),
      ...listQuery(INDICATOR_LIST.sorts),
      type: z.enum(RESULT_TYPES).optional().openapi({ description: "The result type." }),
      measure: z.enum(INDICATOR_MEASURES).optional(),
      from: z.string().optional().openapi({ description: "YYYY-MM-DD: with a period ending on or after." }),
      to: z.string().optional().openapi({ description: "YYYY-MM-DD: with a period starting on or before." }),
    }),
    listDescription: "The indicators list page's query, in the caller's scope: a partner sees its countries' indicators, a donor those of the programmes its organisations fund.",
    archiveDescription: "A soft delete of the indicator with its periods: it leaves the lists and partners' and donors' views; staff can restore it on its page. Repeating it answers the same record.",
  });
}
