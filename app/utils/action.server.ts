import { json, redirect } from "@remix-run/node";
import { claimSubmission, markSubmissionCommitted, releaseSubmission, submissionKeyOf } from "~/models/form-submission.server";
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
 *
 * A form's `_submission` key (ZodForm) is claimed first, so a second post of
 * the same form writes nothing: it is redirected where the first one went.
 * A refused or failed attempt frees the key, so the user can fix and resend.
 */
export async function runAction<T>(
  values: FormValues,
  labels: Record<string, string>,
  fn: () => Promise<T>,
): Promise<{ ok: true; result: T } | { ok: false; response: Response }> {
  const claim = await claimSubmission(submissionKeyOf(values));
  if (claim.kind === "done") return { ok: false, response: redirect(claim.location) };
  if (claim.kind === "pending") {
    const formError =
      "This form was already sent and is still being saved, or its result is unknown. Check the list before sending it again.";
    return { ok: false, response: json({ errors: {}, values, formError, conflict: null }, { status: 409 }) };
  }
  try {
    const result = await fn();
    if (claim.kind === "claimed") markSubmissionCommitted(claim.key);
    return { ok: true, result };
  } catch (error) {
    if (claim.kind === "claimed") await releaseSubmission(claim.key).catch(() => undefined);
    return refusal(error, values, labels);
  }
}

function refusal(error: unknown, values: FormValues, labels: Record<string, string>): { ok: false; response: Response } {
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
