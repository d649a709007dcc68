import type { z } from "zod";
import { DomainError } from "~/utils/errors.server";
import { zodErrorsToFieldErrors } from "~/utils/form";

// What every record's API writes share (issue 19, point 5; ADR 0041): the
// body read by the form's own schema, and the version a change must name.

/** The values parsed by the form's schema; its refusal as field messages (message references, translated by the caller). */
export function parseAsForm<S extends z.ZodTypeAny>(schema: S, values: Record<string, unknown>, what: string): z.output<S> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new DomainError("invalid", `Invalid ${what}`, { fields: zodErrorsToFieldErrors(parsed.error) });
  return parsed.data;
}

/** The `version` a PATCH must send (optimistic locking); without a whole number ≥ 1 it is a 400 on `version`. */
export function requireApiVersion(body: Record<string, unknown>): number {
  const version = Number(body.version);
  if (body.version === undefined || body.version === "" || !Number.isInteger(version) || version < 1) {
    throw new DomainError("invalid", "version", { fields: { version: "api.v.version" } });
  }
  return version;
}
