import type { Scope } from "~/auth/scope.server";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { formRecordWrites } from "~/utils/api-input.server";
import { parseListQuery } from "~/utils/list-query";
import {
  INDICATOR_LIST,
  createIndicator,
  getIndicator,
  indicatorFormDefaults,
  listIndicators,
  requireIndicator,
  setIndicatorArchived,
  updateIndicator,
  type IndicatorDetail,
  type IndicatorRow,
} from "./indicator.server";

// Indicators through the JSON API (/api/v1/indicators, issue 19, point 5),
// the pattern of activity-api.server.ts (ADR 0041). An indicator carries its
// periods (baseline on the indicator; targets and actuals per period) as the
// indicator form holds them: a PATCH that sends `periods` replaces them as
// the form does, one that does not keeps them. A period an approved progress
// report made official (issue 18) is refused by updateIndicator exactly as on
// the form (the message on periods.<n>.actualValue); `lockedPeriods` names
// them so a client knows before it tries.

export type IndicatorResource = Omit<ReturnType<typeof indicatorFormDefaults>, "version"> & {
  id: string;
  version: number;
  archived: boolean;
  updatedAt: string;
  lockedPeriods: { periodStart: string; periodEnd: string }[];
};

const day = (d: Date) => d.toISOString().slice(0, 10);

export function indicatorResource(i: IndicatorDetail): IndicatorResource {
  return {
    ...indicatorFormDefaults(i),
    id: i.id,
    version: i.version,
    archived: i.archivedAt !== null,
    updatedAt: i.updatedAt.toISOString(),
    lockedPeriods: i.periods.filter((p) => p.approvedReportId).map((p) => ({ periodStart: day(p.periodStart), periodEnd: day(p.periodEnd) })),
  };
}

export type IndicatorListItem = {
  id: string;
  title: string;
  resultType: string;
  measure: string;
  unitLabel: string | null;
  baselineValue: string | null;
  baselineYear: number | null;
  programmeCode: string;
  /** The latest period with an actual value, else the latest period (as the list page shows). */
  latest: { periodStart: string; periodEnd: string; targetValue: string | null; actualValue: string | null } | null;
  archived: boolean;
};

const ymd = (d: Date | string) => (typeof d === "string" ? d : d.toISOString()).slice(0, 10);

function listItem(r: IndicatorRow): IndicatorListItem {
  return {
    id: r.id,
    title: r.title,
    resultType: r.resultType,
    measure: r.measure,
    unitLabel: r.unitLabel,
    baselineValue: r.baselineValue,
    baselineYear: r.baselineYear,
    programmeCode: r.programme.code,
    latest: r.latest && { periodStart: ymd(r.latest.periodStart), periodEnd: ymd(r.latest.periodEnd), targetValue: r.latest.targetValue, actualValue: r.latest.actualValue },
    archived: r.archivedAt !== null,
  };
}

export type IndicatorPage = { data: IndicatorListItem[]; page: number; perPage: number; total: number };

/** One page of the indicators the scope sees, by the list page's URL parameters (q, sort, dir, page, filters, archived). */
export async function listIndicatorsForApi(scope: Scope, params: URLSearchParams): Promise<IndicatorPage> {
  const query = parseListQuery(params, INDICATOR_LIST);
  const { rows, total } = await listIndicators(scope, query);
  return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
}

export async function getIndicatorForApi(scope: Scope, id: string): Promise<IndicatorResource | null> {
  const i = await getIndicator(scope, id);
  return i && indicatorResource(i);
}

const writes = formRecordWrites({
  what: "indicator",
  schema: IndicatorFormSchema,
  formValues: indicatorFormDefaults,
  resource: indicatorResource,
  require: requireIndicator,
  create: createIndicator,
  update: updateIndicator,
  setArchived: setIndicatorArchived,
});

export const createIndicatorFromApi = writes.create;
/**
 * Changes the fields the body names; the others keep their stored values.
 * `version` is required: a stale one is a ConflictError (409).
 */
export const updateIndicatorFromApi = writes.update;
/** Archives, with what the record holds (a soft delete: staff can restore it on its page); idempotent. */
export const archiveIndicatorFromApi = writes.archive;
