import { json, redirect } from "@remix-run/node";
import { fieldLabel } from "~/components/ui/rich-text";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE } from "~/i18n/locales";
import { requestTranslator } from "~/i18n/request.server";
import type { Translator } from "~/i18n/translate";
import { claimSubmission, markSubmissionCommitted, releaseSubmission, submissionKeyOf, submissionScope } from "~/models/form-submission.server";
import { ConflictError, DependentsError, DomainError, domainErrorResponse } from "./errors.server";
import type { FormValues } from "./form";
import { redirectWithNotice } from "./flash.server";
import { safeRedirectPath } from "./safe-redirect";

function show(t: Translator, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("common.value.empty");
  if (Array.isArray(value)) return value.join(", ") || t("common.value.none");
  return String(value);
}

/**
 * The reader's language for a refusal: the request this action answers
 * (scripts/server.ts keeps it in the submission scope); English outside a
 * request (a test or a script calling runAction).
 */
async function readerTranslator(): Promise<Translator> {
  const request = submissionScope.getStore()?.request;
  return request ? requestTranslator(request) : serverTranslator(DEFAULT_LOCALE);
}

/**
 * Runs a model call for an action and turns the domain's refusals into
 * responses the form can show: 409 for an edit conflict or dependents, 400
 * for an invalid reference (with its field messages). Other refusals (not
 * found, forbidden, rate limited) are thrown as domainErrorResponse gives
 * them; anything else propagates.
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
  if (claim.kind === "done") {
    // Where the first post went, with the confirmation it showed (the first answer may never have reached the browser).
    const response = claim.notice ? await redirectWithNotice(claim.location, claim.notice) : redirect(safeRedirectPath(claim.location));
    return { ok: false, response };
  }
  if (claim.kind === "pending") {
    const formError = (await readerTranslator())("common.action.pending");
    return { ok: false, response: json({ errors: {}, values, formError, conflict: null }, { status: 409 }) };
  }
  try {
    const result = await fn();
    if (claim.kind === "claimed") markSubmissionCommitted(claim.key);
    return { ok: true, result };
  } catch (error) {
    if (claim.kind === "claimed") await releaseSubmission(claim.key).catch(() => undefined);
    if (!(error instanceof DomainError)) throw error;
    return refusal(error, values, labels, await readerTranslator());
  }
}

/**
 * A refusal as the form shows it, in the reader's language: field labels
 * (plain text, message keys or encoded messages), "(empty)", the list of
 * dependents and the model's messages (message() in ~/i18n/translate) are
 * translated here, so a page that prints formError as it is shows it right.
 */
function refusal(error: DomainError, values: FormValues, labels: Record<string, string>, t: Translator): { ok: false; response: Response } {
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
              label: labels[field] ? fieldLabel(t, labels[field]) : field,
              mine: show(t, c.mine),
              theirs: show(t, c.theirs),
            })),
          },
        },
        { status: 409 },
      ),
    };
  }
  if (error instanceof DependentsError) {
    return { ok: false, response: json({ errors: {}, values, formError: error.describe(t), conflict: null }, { status: 409 }) };
  }
  if (error.code === "invalid") {
    const fields = Object.fromEntries(Object.entries(error.fieldMessages()).map(([field, text]) => [field, t.text(text)]));
    const onForm = !error.details.field || error.details.field === "_form";
    const formError = onForm ? t.text(error.message) : null;
    return { ok: false, response: json({ errors: fields, values, formError, conflict: null }, { status: 400 }) };
  }
  // Not found, forbidden, rate limited, a plain conflict: the page's answer, from the one mapping.
  throw domainErrorResponse(error, t);
}
