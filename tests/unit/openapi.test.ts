import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "~/api/openapi.server";

// Issue 19, point 5: the OpenAPI 3.1 document generated from the zod schemas
// is valid by the specification's own JSON schema (a maintained validator
// that knows 3.1), and names every route of /api/v1.

describe("/api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = openApiDocument() as { openapi: string };
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every API operation, with the programme form's fields as the request body", () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } };
    expect(Object.fromEntries(Object.entries(doc.paths).map(([p, ops]) => [p, Object.keys(ops).sort()]))).toEqual({
      "/api/v1/programmes": ["get", "post"],
      "/api/v1/programmes/{code}": ["get", "patch"],
      "/api/v1/programmes/{code}/archive": ["post"],
      "/api/v1/activities": ["get", "post"],
      "/api/v1/activities/{id}": ["get", "patch"],
      "/api/v1/activities/{id}/archive": ["post"],
      "/api/v1/agreements": ["get", "post"],
      "/api/v1/agreements/{id}": ["get", "patch"],
      "/api/v1/agreements/{id}/archive": ["post"],
      "/api/v1/organisations": ["get", "post"],
      "/api/v1/organisations/{id}": ["get", "patch"],
      "/api/v1/organisations/{id}/archive": ["post"],
      "/api/v1/funding": ["get", "post"],
      "/api/v1/funding/{id}": ["get", "patch"],
      "/api/v1/funding/{id}/archive": ["post"],
      "/api/v1/documents": ["get", "post"],
      "/api/v1/documents/{id}": ["get", "patch"],
      "/api/v1/documents/{id}/archive": ["post"],
      "/api/v1/documents/{id}/file": ["get"],
      "/api/v1/deliverables": ["get", "post"],
      "/api/v1/deliverables/{id}": ["get", "patch"],
      "/api/v1/deliverables/{id}/archive": ["post"],
      "/api/v1/outcomes": ["get", "post"],
      "/api/v1/outcomes/{id}": ["get", "patch"],
      "/api/v1/outcomes/{id}/archive": ["post"],
      "/api/v1/indicators": ["get", "post"],
      "/api/v1/indicators/{id}": ["get", "patch"],
      "/api/v1/indicators/{id}/archive": ["post"],
      "/api/v1/reporting-requirements": ["get", "post"],
      "/api/v1/reporting-requirements/{id}": ["get", "patch"],
      "/api/v1/reporting-requirements/{id}/archive": ["post"],
      // Progress reports: no create or archive (a requirement's periods make them), the workflow's steps instead.
      "/api/v1/progress-reports": ["get"],
      "/api/v1/progress-reports/{id}": ["get", "patch"],
      "/api/v1/progress-reports/{id}/submit": ["post"],
      "/api/v1/progress-reports/{id}/return": ["post"],
      "/api/v1/progress-reports/{id}/approve": ["post"],
      "/api/v1/progress-reports/{id}/reopen": ["post"],
    });
    const input = doc.components.schemas.ProgrammeInput!;
    expect(Object.keys(input.properties ?? {})).toEqual(expect.arrayContaining(["code", "title", "status", "plannedStart", "countries", "organisations", "sectors"]));
    expect(input.required).toEqual(expect.arrayContaining(["title", "status"]));
    const activity = doc.components.schemas.ActivityInput!;
    expect(Object.keys(activity.properties ?? {})).toEqual(expect.arrayContaining(["programmeId", "kind", "title", "status", "participantsTotal", "organisations", "participantGroups"]));
    expect(activity.required).toEqual(expect.arrayContaining(["programmeId", "kind", "title", "status"]));
    // Deliverables, outcomes (follow-up actions as rows) and indicators (periods as rows): the forms' fields.
    expect(Object.keys(doc.components.schemas.DeliverableInput!.properties ?? {})).toEqual(expect.arrayContaining(["programmeId", "title", "status", "dueDate", "outcomeId"]));
    expect(Object.keys(doc.components.schemas.OutcomeInput!.properties ?? {})).toEqual(expect.arrayContaining(["activityId", "type", "text", "followUpStatus", "followUps"]));
    expect(Object.keys(doc.components.schemas.IndicatorInput!.properties ?? {})).toEqual(expect.arrayContaining(["programmeId", "resultType", "measure", "title", "baselineValue", "periods"]));
  });

  it("describes agreements, organisations, funding and documents with their forms' fields; a document's upload as multipart (helper APIB)", () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, { format?: string }> } }> } }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    const fields = (name: string) => Object.keys(doc.components.schemas[name]!.properties ?? {});
    expect(fields("AgreementInput")).toEqual(expect.arrayContaining(["programmeId", "type", "title", "status", "signedOn", "parties", "translations"]));
    expect(fields("OrganisationInput")).toEqual(expect.arrayContaining(["shortName", "fullName", "iatiTypeCode", "iatiRef"]));
    expect(fields("FundingLineInput")).toEqual(expect.arrayContaining(["programmeId", "kind", "amount", "currency", "valueDate", "transactionDate"]));
    expect(fields("DocumentInput")).toEqual(expect.arrayContaining(["title", "categoryCode", "shareable", "programmeId", "agreementId"]));
    expect(fields("FundingLinePage")).toContain("totals");
    const upload = doc.paths["/api/v1/documents"]!.post!.requestBody!.content;
    expect(Object.keys(upload)).toEqual(["multipart/form-data"]);
    expect(upload["multipart/form-data"]!.schema).toEqual({ $ref: "#/components/schemas/DocumentUpload" });
    expect(doc.components.schemas.DocumentUpload!.properties!.file).toMatchObject({ format: "binary" });
    expect(Object.keys(doc.paths["/api/v1/documents/{id}"]!.patch!.requestBody!.content)).toEqual(["application/json"]);
  });

  it("describes reporting requirements and progress reports with their forms' fields (helper RAPI)", () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { description?: string; requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[]; allOf?: { properties?: Record<string, unknown>; $ref?: string }[] }> };
    };
    const properties = (name: string): string[] => {
      const s = doc.components.schemas[name]!;
      return [...Object.keys(s.properties ?? {}), ...(s.allOf ?? []).flatMap((part) => Object.keys(part.properties ?? {}))];
    };
    expect(properties("ReportingRequirementInput")).toEqual(expect.arrayContaining(["programmeCode", "title", "frequency", "startDate", "endDate", "dueDays", "reporter", "reporterCountryCode", "customPeriodEnds"]));
    expect(properties("ProgressReportInput")).toEqual(expect.arrayContaining(["version", "narrative", "translations", "indicators", "participants", "items"]));
    expect(properties("ProgressReportReturn")).toEqual(expect.arrayContaining(["version", "comments"]));
    expect(properties("ProgressReportReopen")).toEqual(expect.arrayContaining(["version", "reason"]));
    expect(doc.paths["/api/v1/progress-reports"]!.get!.description).toMatch(/no create or archive/);
    expect(doc.paths["/api/v1/progress-reports/{id}/return"]!.post!.requestBody!.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/ProgressReportReturn" });
  });
});
