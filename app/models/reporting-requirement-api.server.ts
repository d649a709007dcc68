import { z } from "zod";
import { RequirementFormSchema, type RequirementForm } from "~/schemas/reporting-requirement";
import { requiredText } from "~/schemas/fields";
import { createValues, formApiResource } from "~/utils/api-resource.server";
import { readJsonObject } from "~/utils/api-response.server";
import { DomainError } from "~/utils/errors.server";
import { prisma } from "~/utils/db.server";
import { message } from "~/i18n/translate";
import { zodErrorsToFieldErrors } from "~/utils/form";
import { parseListQuery } from "~/utils/list-query";
import { assertStaff } from "./ctx.server";
import {
  createRequirement,
  getRequirement,
  listRequirements,
  REQUIREMENT_LIST,
  requirementFormDefaults,
  setRequirementArchived,
  updateRequirement,
  type RequirementDetail,
  type RequirementRow,
} from "./reporting-requirement.server";

// Reporting requirements through the JSON API (/api/v1/reporting-requirements,
// issue 19, point 5; ADR 0041, the requirements of ADR 0036/0037). Their
// pages are staff only, so is every operation here (a partner's or donor's
// token: 403, as organisations). A record is the edit form's values
// (requirementFormDefaults, the edit page's) plus id, version, archived and
// its programme; a create is the form's fields plus `programmeCode` (the
// page's URL names the programme); writes are the model's functions, so a
// change that would drop or move a period whose report holds data is refused
// next to the field that caused it, as on the page. Its periods' reports are
// /api/v1/progress-reports.

export type RequirementResource = Omit<ReturnType<typeof requirementFormDefaults>, "version"> & {
  id: string;
  version: number;
  programmeId: string;
  programmeCode: string;
  archived: boolean;
  updatedAt: string;
};

export function requirementResource(r: RequirementDetail): RequirementResource {
  return {
    ...requirementFormDefaults(r),
    id: r.id,
    version: r.version,
    programmeId: r.programme.id,
    programmeCode: r.programme.code,
    archived: r.archivedAt !== null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function listItem(r: RequirementRow) {
  return {
    id: r.id,
    title: r.title,
    programmeId: r.programmeId,
    programmeCode: r.programme.code,
    agreementId: r.agreementId,
    frequency: r.frequency,
    startDate: day(r.startDate),
    endDate: day(r.endDate),
    dueDays: r.dueDays,
    reporter: r.reporter,
    reporterCountryCode: r.reporterCountryCode,
    reporterOrganisationId: r.reporterOrganisationId,
    archived: r.archivedAt !== null,
  };
}

/** What a create names besides the form's fields: the programme (its code, as the new requirement page's URL). */
const ProgrammeCodeSchema = z.object({ programmeCode: requiredText("reporting.v.programmeCode", 40) });

type RequirementCreate = RequirementForm & { programmeCode: string };

export const requirementApi = formApiResource({
  path: "/api/v1/reporting-requirements",
  notFound: "Reporting requirement not found",
  what: "reporting requirement",
  schema: RequirementFormSchema,
  guard: assertStaff,
  /** One page of the requirements (programme, frequency, reporter; sorted by programme, title or start). */
  async list(caller, params) {
    const query = parseListQuery(params, REQUIREMENT_LIST);
    const { rows, total } = await listRequirements(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  // The form's fields and the programme's code, refused together field by field.
  async readCreate(_caller, request): Promise<RequirementCreate> {
    const values = createValues(await readJsonObject(request));
    const programme = ProgrammeCodeSchema.safeParse(values);
    const form = RequirementFormSchema.safeParse(values);
    if (!programme.success || !form.success) {
      const fields = { ...(programme.success ? {} : zodErrorsToFieldErrors(programme.error)), ...(form.success ? {} : zodErrorsToFieldErrors(form.error)) };
      throw new DomainError("invalid", "Invalid reporting requirement", { fields });
    }
    return { ...form.data, programmeCode: programme.data.programmeCode };
  },
  get: getRequirement,
  defaults: requirementFormDefaults,
  represent: requirementResource,
  // A code no programme has is the request's mistake, named at its field (the page's URL would be a 404).
  async create(ctx, { programmeCode, ...data }: RequirementCreate) {
    const programme = await prisma.programme.findUnique({ where: { code: programmeCode }, select: { id: true } });
    if (!programme) throw new DomainError("invalid", message("reporting.v.unknownProgramme"), { field: "programmeCode" });
    return createRequirement(ctx, programmeCode, data);
  },
  // The programme is the requirement's for good: a `programmeCode` sent with a change is ignored (as the edit page has none).
  update: updateRequirement,
  setArchived: setRequirementArchived,
});
