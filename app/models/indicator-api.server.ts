import { IndicatorFormSchema } from "~/schemas/indicator";
import { formApiResource } from "~/utils/api-resource.server";
import { parseListQuery } from "~/utils/list-query";
import {
  INDICATOR_LIST,
  createIndicator,
  getIndicator,
  indicatorFormDefaults,
  listIndicators,
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

export const indicatorApi = formApiResource({
  path: "/api/v1/indicators",
  notFound: "Indicator not found",
  what: "indicator",
  schema: IndicatorFormSchema,
  /** One page of the indicators the scope sees, by the list page's URL parameters (q, sort, dir, page, filters, archived). */
  async list(caller, params): Promise<IndicatorPage> {
    const query = parseListQuery(params, INDICATOR_LIST);
    const { rows, total } = await listIndicators(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  get: getIndicator,
  defaults: indicatorFormDefaults,
  represent: indicatorResource,
  create: createIndicator,
  update: updateIndicator,
  setArchived: setIndicatorArchived,
});
