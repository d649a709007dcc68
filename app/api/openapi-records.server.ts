import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { DELIVERABLE_LIST } from "~/models/deliverable.server";
import { DeliverableFormSchema, DELIVERABLE_STATUSES } from "~/schemas/deliverable";

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
      agreementId: z.string().nullable(),
      activityId: z.string().nullable(),
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
}
