import { extendZodWithOpenApi, type OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { AGREEMENT_LIST } from "~/models/agreement.server";
import { DELIVERABLE_LIST } from "~/models/deliverable.server";
import { DOCUMENT_LIST } from "~/models/document.server";
import { FUNDING_LIST } from "~/models/funding.server";
import { INDICATOR_LIST } from "~/models/indicator.server";
import { ORGANISATION_LIST } from "~/models/organisation-admin.server";
import { OUTCOME_LIST } from "~/models/outcome.server";
import { AgreementFormSchema, AGREEMENT_STATUSES, AGREEMENT_TYPES } from "~/schemas/agreement";
import { DeliverableFormSchema, DELIVERABLE_STATUSES } from "~/schemas/deliverable";
import { DocumentFormSchema } from "~/schemas/document";
import { FundingFormSchema, FUNDING_KINDS } from "~/schemas/funding";
import { IndicatorFormSchema, INDICATOR_MEASURES, RESULT_TYPES } from "~/schemas/indicator";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { FOLLOW_UP_STATUSES, OutcomeFormSchema, OUTCOME_TYPES } from "~/schemas/outcome";

// The OpenAPI paths of the record types served through app/utils/api-resource.server.ts
// (agreements, organisations, funding, documents, deliverables, outcomes,
// indicators), registered by openApiDocument (openapi.server.ts) into its
// registry: the five operations of each (list, create, read, change, archive)
// from one description, as uniform as their handlers. Request bodies are the
// forms' own zod schemas, as for programmes and activities.

// This module's schemas are built on import, before openapi.server.ts extends zod (a repeat is a no-op).
extendZodWithOpenApi(z);

export type OpenApiShared = {
  security: { [name: string]: string[] }[];
  problems: (...statuses: number[]) => Record<string, unknown>;
};

export type Described = {
  /** Collection path, e.g. "/api/v1/agreements". */
  path: string;
  /** Component names: Agreement, AgreementInput, … */
  name: string;
  /** "agreement", "funding line": for the summaries. */
  noun: string;
  /** When not the noun with an "s" ("activities"). */
  plural?: string;
  listDescription: string;
  query: z.AnyZodObject;
  listItem: z.AnyZodObject;
  /** Extra members of the list's answer (e.g. funding totals). */
  pageExtra?: z.ZodRawShape;
  input: z.ZodTypeAny;
  /** The Input component's description, when more than "the form's fields" is worth saying. */
  inputDescription?: string;
  record: z.AnyZodObject;
  /** The record component's description, when it has more than the form's fields, id, version and archived. */
  recordDescription?: string;
  /** Who may write ("staff"). */
  writers: string;
  /** multipart/form-data on create (a document's upload), else JSON. */
  createBody?: { contentType: string; schema: z.ZodTypeAny; description: string };
  /** Who may read, when not everyone in scope (organisations: staff). */
  readers?: string;
  archive: boolean;
  /** The archive operation's description, when archiving takes more than the record. */
  archiveDescription?: string;
};

export const listParams = (sorts: readonly [string, ...string[]]) => ({
  sort: z.enum(sorts).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  page: z.number().int().min(1).optional(),
});
const day = z.string().optional().openapi({ description: "YYYY-MM-DD" });
export const archivedParam = z.enum(["1"]).optional().openapi({ description: "Staff: the archived records instead." });
export const dateOrNull = z.string().nullable();
export const sorts = <T extends readonly string[]>(s: T) => s as unknown as readonly [string, ...string[]];
/** The list parameters the result lists (deliverables, outcomes, indicators) share after their search. */
const resultListParams = (s: readonly [string, ...string[]]) => ({
  ...listParams(s),
  programme: z.string().optional().openapi({ description: "A programme's id." }),
  country: z.string().optional().openapi({ description: "ISO 3166-1 alpha-2 code." }),
  archived: archivedParam,
});

/** The five operations of one record type (and its components); openapi.server.ts describes activities with it too. */
export function registerResource(registry: OpenAPIRegistry, shared: OpenApiShared, d: Described) {
  const { security, problems } = shared;
  const Input = registry.register(`${d.name}Input`, d.input.openapi({ description: d.inputDescription ?? `The ${d.noun} form's fields. Numbers may be sent as JSON numbers or strings.` }));
  const Patch = registry.register(
    `${d.name}Patch`,
    z
      .object({ version: z.number().int().min(1).openapi({ description: "The version read; a stale one answers 409 with the current record." }) })
      .catchall(z.unknown())
      .openapi({ description: `\`version\` and any fields of ${d.name}Input to change; fields not sent keep their stored values.` }),
  );
  const Record = registry.register(d.name, d.record.catchall(z.unknown()).openapi({ description: d.recordDescription ?? `The ${d.noun} as its edit form holds it (every ${d.name}Input field), with id, version and archived.` }));
  const ListItem = registry.register(`${d.name}ListItem`, d.listItem);
  const Page = registry.register(
    `${d.name}Page`,
    z.object({ data: z.array(ListItem), page: z.number().int(), perPage: z.number().int(), total: z.number().int(), ...(d.pageExtra ?? {}) }),
  );
  const id = z.string().openapi({ param: { name: "id", in: "path", description: `The ${d.noun}'s id.` } });
  const readRefusals = d.readers ? [401, 403, 429] : [401, 429];
  const readWho = d.readers ? ` (${d.readers})` : "";
  registry.registerPath({
    method: "get",
    path: d.path,
    summary: `List ${d.plural ?? `${d.noun}s`}${readWho}`,
    description: d.listDescription,
    security,
    request: { query: d.query },
    responses: { 200: { description: "One page (25 rows).", content: { "application/json": { schema: Page } } }, ...problems(...readRefusals) },
  });
  const create = d.createBody
    ? { [d.createBody.contentType]: { schema: registry.register(`${d.name}Upload`, d.createBody.schema) } }
    : { "application/json": { schema: Input } };
  registry.registerPath({
    method: "post",
    path: d.path,
    summary: `Create ${/^[aeiou]/.test(d.noun) ? "an" : "a"} ${d.noun} (${d.writers})`,
    ...(d.createBody ? { description: d.createBody.description } : {}),
    security,
    request: { body: { required: true, content: create } },
    responses: { 201: { description: "Created.", content: { "application/json": { schema: Record } } }, ...problems(400, 401, 403, 415, 429) },
  });
  registry.registerPath({
    method: "get",
    path: `${d.path}/{id}`,
    summary: `Read ${/^[aeiou]/.test(d.noun) ? "an" : "a"} ${d.noun}${readWho}`,
    security,
    request: { params: z.object({ id }) },
    responses: { 200: { description: `The ${d.noun}.`, content: { "application/json": { schema: Record } } }, ...problems(...readRefusals, 404) },
  });
  registry.registerPath({
    method: "patch",
    path: `${d.path}/{id}`,
    summary: `Change ${/^[aeiou]/.test(d.noun) ? "an" : "a"} ${d.noun} (${d.writers})`,
    security,
    request: { params: z.object({ id }), body: { required: true, content: { "application/json": { schema: Patch } } } },
    responses: { 200: { description: `The ${d.noun} as saved.`, content: { "application/json": { schema: Record } } }, ...problems(400, 401, 403, 404, 409, 415, 429) },
  });
  if (d.archive) {
    registry.registerPath({
      method: "post",
      path: `${d.path}/{id}/archive`,
      summary: `Archive ${/^[aeiou]/.test(d.noun) ? "an" : "a"} ${d.noun} (${d.writers})`,
      description:
        d.archiveDescription ??
        `A soft delete: the ${d.noun} leaves the lists and partners' and donors' views; staff can restore it on its page. Repeating it answers the same record.`,
      security,
      request: { params: z.object({ id }) },
      responses: { 200: { description: `The archived ${d.noun}.`, content: { "application/json": { schema: Record } } }, ...problems(401, 403, 404, 429) },
    });
  }
  return { id };
}

/** Registers /api/v1/agreements, /organisations, /funding, /documents (with the document's file), /deliverables, /outcomes and /indicators. */
export function registerRecordApis(registry: OpenAPIRegistry, shared: OpenApiShared): void {
  const base = { id: z.string(), version: z.number().int(), archived: z.boolean(), updatedAt: z.string().datetime() };

  registerResource(registry, shared, {
    path: "/api/v1/agreements",
    name: "Agreement",
    noun: "agreement",
    listDescription: "The agreements list page's query, in the caller's scope: a partner sees its countries' agreements, a donor those of the programmes its organisations fund.",
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in titles, references, programmes, parties and countries." }),
      ...listParams(sorts(AGREEMENT_LIST.sorts)),
      programme: z.string().optional().openapi({ description: "A programme's id." }),
      country: z.string().optional().openapi({ description: "ISO 3166-1 alpha-2 code." }),
      type: z.enum(AGREEMENT_TYPES).optional(),
      status: z.enum(AGREEMENT_STATUSES).optional().openapi({ description: "The status in force today." }),
      organisation: z.string().optional().openapi({ description: "A party's organisation id." }),
      from: day,
      to: day,
      expiring: z.string().optional().openapi({ description: "Expiring within this many days (1–3650)." }),
      expired: z.string().optional().openapi({ description: "Expired within this many days (1–3650)." }),
      archived: archivedParam,
    }),
    listItem: z.object({
      id: z.string(),
      title: z.string(),
      type: z.enum(AGREEMENT_TYPES),
      status: z.enum(AGREEMENT_STATUSES),
      reference: z.string().nullable(),
      programmeCode: z.string(),
      signedOn: dateOrNull,
      signedPrecision: z.string(),
      value: z.string().nullable(),
      currency: z.string().nullable(),
      parties: z.array(z.object({ organisation: z.string(), role: z.string() })),
      archived: z.boolean(),
    }),
    input: AgreementFormSchema,
    record: z.object({ ...base, programmeId: z.string(), title: z.string(), type: z.enum(AGREEMENT_TYPES), status: z.enum(AGREEMENT_STATUSES), effectiveStatus: z.enum(AGREEMENT_STATUSES) }),
    writers: "staff",
    archive: true,
  });

  registerResource(registry, shared, {
    path: "/api/v1/organisations",
    name: "Organisation",
    noun: "organisation",
    listDescription: "The organisations list page's query. Organisations are reference data kept by staff: partners' and donors' tokens are refused (403).",
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in names, descriptions, IATI identifiers and countries." }),
      ...listParams(sorts(ORGANISATION_LIST.sorts)),
      country: z.string().optional().openapi({ description: "ISO 3166-1 alpha-2 code." }),
      type: z.string().optional().openapi({ description: "IATI OrganisationType code." }),
      archived: archivedParam,
    }),
    listItem: z.object({
      id: z.string(),
      shortName: z.string(),
      fullName: z.string(),
      countryCode: z.string().nullable(),
      iatiTypeCode: z.string(),
      iatiRef: z.string().nullable(),
      archived: z.boolean(),
    }),
    input: OrganisationFormSchema,
    record: z.object({ ...base, shortName: z.string(), fullName: z.string(), iatiTypeCode: z.string() }),
    writers: "staff",
    readers: "staff",
    archive: true,
  });

  registerResource(registry, shared, {
    path: "/api/v1/funding",
    name: "FundingLine",
    noun: "funding line",
    listDescription:
      "The funding list page's query, in the caller's scope, with the totals of every filtered line by currency and kind. Transactions (incoming funds, commitments, disbursements, expenditure) are funding lines of those kinds, not records nested under a line: filter them with `kind`.",
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in descriptions, organisations, programmes and countries." }),
      ...listParams(sorts(FUNDING_LIST.sorts)),
      programme: z.string().optional().openapi({ description: "A programme's id." }),
      kind: z.enum(FUNDING_KINDS).optional(),
      organisation: z.string().optional().openapi({ description: "The provider's or receiver's organisation id." }),
      country: z.string().optional().openapi({ description: "ISO 3166-1 alpha-2 code." }),
      currency: z.string().optional().openapi({ description: "ISO 4217 code." }),
      from: day,
      to: day,
      archived: archivedParam,
    }),
    listItem: z.object({
      id: z.string(),
      kind: z.enum(FUNDING_KINDS),
      programmeCode: z.string(),
      providerOrgId: z.string().nullable(),
      receiverOrgId: z.string().nullable(),
      fiscalYear: z.number().int().nullable(),
      periodStart: dateOrNull,
      periodEnd: dateOrNull,
      transactionDate: dateOrNull,
      valueDate: z.string(),
      amount: z.string().openapi({ description: "Two decimals, no grouping: \"1250000.50\"." }),
      currency: z.string(),
      description: z.string().nullable(),
      archived: z.boolean(),
    }),
    pageExtra: { totals: z.array(z.object({ currency: z.string(), kind: z.enum(FUNDING_KINDS), lines: z.number().int(), amount: z.string() })) },
    input: FundingFormSchema,
    record: z.object({ ...base, programmeId: z.string(), kind: z.enum(FUNDING_KINDS), amount: z.string(), currency: z.string() }),
    writers: "staff",
    archive: true,
  });

  const documentRecord = z.object({
    ...base,
    title: z.string(),
    programmeId: z.string(),
    originalName: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    file: z.string().openapi({ description: "The path of the file: GET it with the same token." }),
  });
  const { id } = registerResource(registry, shared, {
    path: "/api/v1/documents",
    name: "Document",
    noun: "document",
    listDescription: "The documents list page's query, in the caller's scope: partners and donors see only documents shared with them (marked shareable, of their programmes, not attached to an archived record).",
    query: z.object({
      q: z.string().optional().openapi({ description: "Search in titles, file names, descriptions, programmes, agreements, activities and countries." }),
      ...listParams(sorts(DOCUMENT_LIST.sorts)),
      programme: z.string().optional().openapi({ description: "A programme's id." }),
      category: z.string().optional().openapi({ description: "IATI DocumentCategory code." }),
      shareable: z.enum(["yes", "no"]).optional(),
      from: day,
      to: day,
      archived: archivedParam,
    }),
    listItem: z.object({
      id: z.string(),
      title: z.string(),
      originalName: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number().int(),
      categoryCode: z.string(),
      languageCode: z.string().nullable(),
      file: z.string(),
    }),
    input: DocumentFormSchema,
    record: documentRecord,
    writers: "staff",
    createBody: {
      contentType: "multipart/form-data",
      schema: z
        .object({ file: z.string().openapi({ format: "binary", description: "The file (PDF, office documents, images, text, ZIP; checked by content like an upload on the page)." }) })
        .catchall(z.string())
        .openapi({ description: "The file in the `file` part and the fields of DocumentInput in the other parts (translations as translations.ru.title, …; checkboxes as \"true\")." }),
      description: "An upload: multipart/form-data, the file and the upload form's fields. The file gets the document store's checks (size, type by content, archives); a refusal names the field (`file` for the file: too large, an unknown or disguised type).",
    },
    archive: true,
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/documents/{id}/file",
    summary: "Download a document's file",
    description: "The file itself, streamed as an attachment, within the caller's scope (as the download page); each download is audited with the token named.",
    security: shared.security,
    request: { params: z.object({ id }) },
    responses: {
      200: { description: "The file.", content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
      ...shared.problems(401, 404, 429),
    },
  });

  registerResource(registry, shared, {
    path: "/api/v1/deliverables",
    noun: "deliverable",
    name: "Deliverable",
    input: DeliverableFormSchema,
    inputDescription: "The deliverable form's fields (app/schemas/deliverable.ts). `outcomeId` (create only) links the workshop outcome it carries out.",
    record: z.object({ ...base, programmeId: z.string(), title: z.string(), status: z.enum(DELIVERABLE_STATUSES), overdue: z.boolean().openapi({ description: "Due before today and still open (computed)." }) }),
    recordDescription: "The deliverable as the edit form holds it (every DeliverableInput field), with id, version, archived and overdue.",
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
      ...resultListParams(sorts(DELIVERABLE_LIST.sorts)),
      status: z.enum(DELIVERABLE_STATUSES).optional(),
      organisation: z.string().optional().openapi({ description: "The responsible organisation's id." }),
      due: z.enum(["overdue", "next30"]).optional(),
      from: z.string().optional().openapi({ description: "YYYY-MM-DD: due on or after." }),
      to: z.string().optional().openapi({ description: "YYYY-MM-DD: due on or before." }),
    }),
    writers: "staff",
    archive: true,
    listDescription: "The deliverables list page's query, in the caller's scope: a partner sees its countries' deliverables, a donor those of the programmes its organisations fund.",
  });

  registerResource(registry, shared, {
    path: "/api/v1/outcomes",
    noun: "outcome",
    name: "Outcome",
    input: OutcomeFormSchema,
    inputDescription:
      "The outcome form's fields (app/schemas/outcome.ts). Follow-up actions are the outcome's `followUps` rows, as on the form: not a resource of their own; a PATCH that sends `followUps` replaces them all, one that does not keeps them.",
    record: z.object({
      ...base,
      activityId: z.string(),
      type: z.enum(OUTCOME_TYPES),
      text: z.string(),
      followUpStatus: z.enum(FOLLOW_UP_STATUSES),
      followUps: z.array(z.object({ description: z.string(), ownerOrgId: z.string(), dueDate: z.string(), status: z.enum(FOLLOW_UP_STATUSES), deliverableId: z.string() })),
    }),
    recordDescription: "The outcome as the edit form holds it (every OutcomeInput field, its follow-up actions as `followUps`), with id, version and archived.",
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
      ...resultListParams(sorts(OUTCOME_LIST.sorts)),
      type: z.enum(OUTCOME_TYPES).optional(),
      status: z.enum(FOLLOW_UP_STATUSES).optional().openapi({ description: "The follow-up status." }),
      organisation: z.string().optional().openapi({ description: "The responsible organisation's id." }),
      followUp: z.enum(["missing", "overdue"]).optional(),
      from: z.string().optional().openapi({ description: "YYYY-MM-DD: due on or after." }),
      to: z.string().optional().openapi({ description: "YYYY-MM-DD: due on or before." }),
    }),
    writers: "staff",
    archive: true,
    listDescription: "The outcomes list page's query, in the caller's scope: a partner sees the outcomes of its countries' activities, a donor those of the programmes its organisations fund.",
    archiveDescription: "A soft delete of the outcome with its follow-up actions: it leaves the lists and partners' and donors' views; staff can restore it on its page. Repeating it answers the same record.",
  });

  const decimalOrNull = z.string().nullable();
  registerResource(registry, shared, {
    path: "/api/v1/indicators",
    noun: "indicator",
    name: "Indicator",
    input: IndicatorFormSchema,
    inputDescription:
      "The indicator form's fields (app/schemas/indicator.ts): the baseline on the indicator, targets and actuals per row of `periods`. A PATCH that sends `periods` replaces them all, as the form does. The actuals of a period an approved progress report made official cannot change (400 on periods.<n>.actualValue, the form's message) until that report is reopened.",
    record: z.object({
      ...base,
      programmeId: z.string(),
      title: z.string(),
      resultType: z.enum(RESULT_TYPES),
      measure: z.enum(INDICATOR_MEASURES),
      periods: z.array(z.object({ periodStart: z.string(), periodEnd: z.string(), targetValue: z.string(), actualValue: z.string() }).catchall(z.unknown())),
      lockedPeriods: z
        .array(z.object({ periodStart: z.string(), periodEnd: z.string() }))
        .openapi({ description: "Periods whose actuals an approved progress report made official: they change only when that report is reopened." }),
    }),
    recordDescription: "The indicator as the edit form holds it (every IndicatorInput field, periods as rows), with id, version, archived and lockedPeriods.",
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
      ...resultListParams(sorts(INDICATOR_LIST.sorts)),
      type: z.enum(RESULT_TYPES).optional().openapi({ description: "The result type." }),
      measure: z.enum(INDICATOR_MEASURES).optional(),
      from: z.string().optional().openapi({ description: "YYYY-MM-DD: with a period ending on or after." }),
      to: z.string().optional().openapi({ description: "YYYY-MM-DD: with a period starting on or before." }),
    }),
    writers: "staff",
    archive: true,
    listDescription: "The indicators list page's query, in the caller's scope: a partner sees its countries' indicators, a donor those of the programmes its organisations fund.",
    archiveDescription: "A soft delete of the indicator with its periods: it leaves the lists and partners' and donors' views; staff can restore it on its page. Repeating it answers the same record.",
  });
}
