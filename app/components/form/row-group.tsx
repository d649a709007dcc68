import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { get, useFormContext } from "react-hook-form";
import { useT } from "~/i18n/context";
import { ADD_ROW_INTENT, ROWS_FIELD, rowsKey } from "~/utils/form";
import { useInitialValue } from "./zod-form";

// A repeatable group of form rows (a programme's organisations, an activity's
// participant groups, an agreement's parties, an indicator's periods). It
// renders the filled rows plus blank ones. "Add a row" adds one in place and
// moves the focus into it; without JavaScript the same button posts the form,
// which comes back with everything typed and one more row (parseForm answers
// an "add-row:<group>" intent without checking or saving anything). Errors
// about the group as a whole ("percentages must add up to 100%") show under
// its legend.

type Values = Record<string, unknown>;

const isBlankRow = (row: unknown) =>
  !row || typeof row !== "object" || Object.values(row as Values).every((v) => v === undefined || v === null || String(v).trim() === "");

/**
 * Rows to render: up to the last filled one, then two blank rows (at least
 * `min` in all). Rows keep their positions, so an error stays next to the row
 * it is about.
 */
export function rowsToRender(values: Values, name: string, min = 3): number {
  const rows = Array.isArray(values[name]) ? (values[name] as unknown[]) : [];
  let last = -1;
  rows.forEach((row, i) => {
    if (!isBlankRow(row)) last = i;
  });
  return Math.max(min, last + 1 + 2);
}

/** The group-level error, from the browser's validation or else from the server. */
export function useGroupError(name: string, serverError?: string | null): string | undefined {
  const { formState } = useFormContext();
  const error = get(formState.errors, name) as { message?: unknown; root?: { message?: string } } | undefined;
  const client = error?.root?.message ?? (typeof error?.message === "string" ? error.message : undefined);
  return client ?? serverError ?? undefined;
}

export function RowGroup({
  name,
  legend,
  description,
  initialRows,
  serverError,
  addLabel,
  renderRow,
  summary,
}: {
  name: string;
  legend: string;
  description: ReactNode;
  initialRows: number;
  serverError?: string | null;
  addLabel: string;
  renderRow: (index: number) => ReactNode;
  summary?: ReactNode;
}) {
  const t = useT();
  // The rows the form had when it was posted to add one (see parseForm).
  const requested = Number(useInitialValue(`${ROWS_FIELD}.${rowsKey(name)}`));
  const [count, setCount] = useState(Math.max(initialRows, Number.isInteger(requested) ? requested : 0));
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const error = useGroupError(name, serverError);
  const errorId = useId();
  // "Add a row" takes the focus into the row it adds, so a keyboard user goes
  // on typing there instead of hunting for it.
  const rowsRef = useRef<HTMLDivElement>(null);
  const added = useRef(false);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    const last = rowsRef.current?.lastElementChild;
    last?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, [count]);
  return (
    <fieldset
      className={`rounded-lg border bg-white p-5 ${error ? "border-red-600" : "border-slate-200"}`}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="px-1 text-base font-semibold">{legend}</legend>
      <div className="mb-3 text-sm text-slate-600">{description}</div>
      {error ? (
        <p id={errorId} className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
          {t.text(error)}
        </p>
      ) : null}
      <div ref={rowsRef} className="space-y-3">{Array.from({ length: count }, (_, i) => <div key={i}>{renderRow(i)}</div>)}</div>
      <input type="hidden" name={`${ROWS_FIELD}.${rowsKey(name)}`} value={count} />
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <button
          // Without JavaScript: posts the form for one more row (nothing is checked or saved).
          type={hydrated ? "button" : "submit"}
          name={hydrated ? undefined : "intent"}
          value={hydrated ? undefined : `${ADD_ROW_INTENT}${name}`}
          formNoValidate
          onClick={
            hydrated
              ? () => {
                  added.current = true;
                  setCount((c) => c + 1);
                }
              : undefined
          }
          className="min-h-[2.5rem] rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          {addLabel}
        </button>
        {summary}
      </div>
    </fieldset>
  );
}
