import { json } from "@remix-run/node";
import { ConflictError, DependentsError, DomainError } from "./errors.server";
import type { FormValues } from "./form";

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (Array.isArray(value)) return value.join(", ") || "(none)";
  return String(value);
}

/**
 * Runs a model call for an action and turns the domain's refusals into
 * responses the form can show: 409 for an edit conflict or dependents, 400
 * for an invalid reference. Anything else propagates.
 */
export async function runAction<T>(
  values: FormValues,
  labels: Record<string, string>,
  fn: () => Promise<T>,
): Promise<{ ok: true; result: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, result: await fn() };
  } catch (error) {
    if (error instanceof ConflictError) {
      return {
        ok: false,
        response: json(
          {
            errors: {},
            values,
            formError: null,
            conflict: {
              updatedBy: error.current.updatedBy,
              updatedAt: error.current.updatedAt?.toISOString() ?? null,
              changes: Object.entries(error.changes).map(([field, c]) => ({
                field,
                label: labels[field] ?? field,
                mine: show(c.mine),
                theirs: show(c.theirs),
              })),
            },
          },
          { status: 409 },
        ),
      };
    }
    if (error instanceof DependentsError) {
      return { ok: false, response: json({ errors: {}, values, formError: error.message, conflict: null }, { status: 409 }) };
    }
    if (error instanceof DomainError && error.code === "invalid") {
      const field = typeof error.details.field === "string" ? error.details.field : "_form";
      return {
        ok: false,
        response: json(
          { errors: field === "_form" ? {} : { [field]: error.message }, values, formError: field === "_form" ? error.message : null, conflict: null },
          { status: 400 },
        ),
      };
    }
    throw error;
  }
}
