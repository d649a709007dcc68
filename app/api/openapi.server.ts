import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ACTIVITY_LIST } from "~/models/activity.server";
import { PROGRAMME_LIST } from "~/models/programme-admin.server";
import { ActivityFormSchema, ACTIVITY_KINDS, ACTIVITY_STATUSES } from "~/schemas/activity";
import { registerRecordApis, registerResource } from "./openapi-records.server";
import { registerReportingApis } from "./openapi-reporting.server";
import { ProgrammeFormSchema, PROGRAMME_STATUSES } from "~/schemas/programme";

// The OpenAPI 3.1 document of /api/v1 (issue 19, point 5), generated from the
// zod schemas the forms use (@asteasolutions/zod-to-openapi, the zod 3 line):
// the request bodies ARE the form schemas, so the document cannot drift from
// what the server accepts. Served at /api/v1/openapi.json and rendered by
// /api/v1/docs; validated in tests/unit/openapi.test.ts.

extendZodWithOpenApi(z);

let cached: object | null = null;

export function openApiDocument(): object {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearerToken", {
    type: "http",
    scheme: "bearer",
    description: "A personal access token (cnc_…) made on /account/tokens. A signed-in session may also read (GET) from the same origin.",
  });
  const security = [{ [bearer.name]: [] }];

  const Problem = registry.register(
    "Problem",
    z
      .object({
        type: z.string().openapi({ example: "/api/v1/docs#problem-invalid" }),
        title: z.string(),
        status: z.number().int(),
        detail: z.string().optional(),
        instance: z.string(),
        errors: z.record(z.string()).optional().openapi({ description: "Per field (path as on the form, e.g. countries.0.countryCode): the form's own message, in the Accept-Language language." }),
        currentVersion: z.number().int().optional(),
        current: z.unknown().optional().openapi({ description: "On 409: the record as it is now." }),
      })
      .openapi({ description: "RFC 9457 problem details (application/problem+json)." }),
  );
  const ProgrammeInput = registry.register("ProgrammeInput", ProgrammeFormSchema.openapi({ description: "The programme form's fields (app/schemas/programme.ts). Numbers may be sent as JSON numbers or strings." }));
  const ProgrammePatch = registry.register(
    "ProgrammePatch",
    z
      .object({ version: z.number().int().min(1).openapi({ description: "The version read; a stale one answers 409 with the current record." }) })
      .catchall(z.unknown())
      .openapi({ description: "`version` and any fields of ProgrammeInput to change; fields not sent keep their stored values." }),
  );
  const dateOrNull = z.string().nullable();
  const Programme = registry.register(
    "Programme",
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      status: z.enum(PROGRAMME_STATUSES),
      version: z.number().int(),
      archived: z.boolean(),
      updatedAt: z.string().datetime(),
    }).catchall(z.unknown()).openapi({ description: "The programme as the edit form holds it (every ProgrammeInput field), with id, version and archived." }),
  );
  const ProgrammeListItem = registry.register(
    "ProgrammeListItem",
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      status: z.enum(PROGRAMME_STATUSES),
      plannedStart: dateOrNull,
      plannedEnd: dateOrNull,
      actualStart: dateOrNull,
      actualEnd: dateOrNull,
      budgetAmount: z.string().nullable(),
      budgetCurrency: z.string().nullable(),
      countries: z.array(z.string()),
      organisations: z.array(z.object({ organisationId: z.string(), role: z.string() })),
      archived: z.boolean(),
    }),
  );
  const ProgrammePage = registry.register(
    "ProgrammePage",
    z.object({ data: z.array(ProgrammeListItem), page: z.number().int(), perPage: z.number().int(), total: z.number().int() }),
  );

  const problems = (...statuses: number[]) =>
    Object.fromEntries(statuses.map((s) => [String(s), { description: PROBLEM_TEXT[s] ?? "Problem", content: { "application/problem+json": { schema: Problem } } }]));
  const code = z.string().openapi({ param: { name: "code", in: "path", description: "The programme's code." } });

  registry.registerPath({
    method: "get",
    path: "/api/v1/programmes",
    summary: "List programmes",
    description: "The programmes list page's query, in the caller's scope: a partner sees its countries' programmes, a donor those its organisations fund.",
    security,
    request: {
      query: z.object({
        q: z.string().optional().openapi({ description: "Search in titles, codes, descriptions, organisations and countries." }),
        sort: z.enum(PROGRAMME_LIST.sorts).optional(),
        dir: z.enum(["asc", "desc"]).optional(),
        page: z.number().int().min(1).optional(),
        country: z.string().optional().openapi({ description: "ISO 3166-1 alpha-2 code." }),
        status: z.enum(PROGRAMME_STATUSES).optional(),
        organisation: z.string().optional().openapi({ description: "An organisation's id." }),
        from: z.string().optional().openapi({ description: "YYYY-MM-DD" }),
        to: z.string().optional().openapi({ description: "YYYY-MM-DD" }),
        archived: z.enum(["1"]).optional().openapi({ description: "Staff: the archived programmes instead." }),
      }),
    },
    responses: { 200: { description: "One page (25 rows).", content: { "application/json": { schema: ProgrammePage } } }, ...problems(401, 429) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/programmes",
    summary: "Create a programme (staff)",
    security,
    request: { body: { required: true, content: { "application/json": { schema: ProgrammeInput } } } },
    responses: { 201: { description: "Created.", content: { "application/json": { schema: Programme } } }, ...problems(400, 401, 403, 409, 415, 429) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/programmes/{code}",
    summary: "Read a programme",
    security,
    request: { params: z.object({ code }) },
    responses: { 200: { description: "The programme.", content: { "application/json": { schema: Programme } } }, ...problems(401, 404, 429) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/programmes/{code}",
    summary: "Change a programme (staff)",
    security,
    request: { params: z.object({ code }), body: { required: true, content: { "application/json": { schema: ProgrammePatch } } } },
    responses: { 200: { description: "The programme as saved.", content: { "application/json": { schema: Programme } } }, ...problems(400, 401, 403, 404, 409, 415, 429) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/programmes/{code}/archive",
    summary: "Archive a programme (staff)",
    description: "A soft delete: the programme leaves the lists and partners' and donors' views; staff can restore it on its page. Repeating it answers the same record.",
    security,
    request: { params: z.object({ code }) },
    responses: { 200: { description: "The archived programme.", content: { "application/json": { schema: Programme } } }, ...problems(401, 403, 404, 429) },
  });

  // Activities (helper U): the same five operations over the activity form's schema.
  registerResource(registry, { security, problems }, {
    path: "/api/v1/activities",
    name: "Activity",
    noun: "activity",
    plural: "activities",
    listDescription: "The activities list page's query, in the caller's scope: a partner sees its countries' activities, a donor those of the programmes its organisations fund.",
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in titles, cities, descriptions, organisations, participant groups and countries." }),
      sort: z.enum(ACTIVITY_LIST.sorts).optional(),
      dir: z.enum(["asc", "desc"]).optional(),
      page: z.number().int().min(1).optional(),
      programme: z.string().optional().openapi({ description: "A programme's id." }),
      country: z.string().optional().openapi({ description: "ISO 3166-1 alpha-2 code." }),
      kind: z.enum(ACTIVITY_KINDS).optional(),
      status: z.enum(ACTIVITY_STATUSES).optional(),
      organisation: z.string().optional().openapi({ description: "An organisation's id (a role or a participant group)." }),
      from: z.string().optional().openapi({ description: "YYYY-MM-DD: starts (actual, else planned) on or after." }),
      to: z.string().optional().openapi({ description: "YYYY-MM-DD: starts (actual, else planned) on or before." }),
      archived: z.enum(["1"]).optional().openapi({ description: "Staff: the archived activities instead." }),
    }),
    listItem: z.object({
      id: z.string(),
      title: z.string(),
      kind: z.enum(ACTIVITY_KINDS),
      status: z.enum(ACTIVITY_STATUSES),
      programmeCode: z.string(),
      countryCode: z.string().nullable(),
      city: z.string().nullable(),
      plannedStart: dateOrNull,
      plannedEnd: dateOrNull,
      actualStart: dateOrNull,
      actualEnd: dateOrNull,
      participantsTotal: z.number().int().nullable(),
      archived: z.boolean(),
    }),
    input: ActivityFormSchema,
    inputDescription: "The activity form's fields (app/schemas/activity.ts). Numbers may be sent as JSON numbers or strings.",
    record: z.object({
      id: z.string(),
      programmeId: z.string(),
      title: z.string(),
      kind: z.enum(ACTIVITY_KINDS),
      status: z.enum(ACTIVITY_STATUSES),
      version: z.number().int(),
      archived: z.boolean(),
      updatedAt: z.string().datetime(),
    }),
    recordDescription: "The activity as the edit form holds it (every ActivityInput field), with id, version and archived.",
    writers: "staff",
    archive: true,
  });

  // Agreements, organisations, funding, documents, deliverables, outcomes, indicators: the same five operations each.
  registerRecordApis(registry, { security, problems });
  // Reporting requirements and progress reports (issue 18's records; helper RAPI).
  registerReportingApis(registry, { security, problems });

  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Concord API",
      version: "1",
      description:
        "The JSON API of Concord. Authenticate with a personal access token (Authorization: Bearer cnc_…). Every answer is scoped like the pages; refusals are RFC 9457 problem details with the forms' own field messages in the Accept-Language language.",
    },
    servers: [{ url: "/" }],
  });
  return cached;
}

const PROBLEM_TEXT: Record<number, string> = {
  400: "Invalid fields (errors per field) or a body that is not a JSON object.",
  401: "No valid token.",
  403: "Not allowed for the caller's role, or a read-only token on a write.",
  404: "Not found, or outside the caller's scope.",
  409: "A stale version (current has the record as it is now) or a duplicate.",
  415: "The body is not application/json (multipart/form-data for a document's upload).",
  429: "Too many requests for this token (Retry-After).",
};
