import type { z } from "zod";
import type { Ctx } from "~/models/ctx.server";
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

type Live = { id: string; archivedAt: Date | null };

/**
 * The writes of a record type whose API record is its edit form's values
 * (deliverables, outcomes, indicators): create from the form's schema, PATCH
 * as the form's values with the body's fields over the stored ones (the
 * version required), archive once (a repeat answers the same record). Each
 * answers the record as the caller now reads it.
 */
export function formRecordWrites<S extends z.ZodTypeAny, D extends Live, R>(spec: {
  what: string;
  schema: S;
  formValues: (record: D) => Record<string, unknown>;
  resource: (record: D) => R;
  require: (scope: Ctx["scope"], id: string) => Promise<D>;
  create: (ctx: Ctx, data: z.output<S>) => Promise<{ id: string }>;
  update: (ctx: Ctx, id: string, version: number, data: z.output<S>) => Promise<unknown>;
  setArchived: (ctx: Ctx, id: string, archived: boolean) => Promise<unknown>;
}) {
  const answer = async (ctx: Ctx, id: string) => spec.resource(await spec.require(ctx.scope, id));
  return {
    async create(ctx: Ctx, body: Record<string, unknown>): Promise<R> {
      const { version: _ignored, ...values } = body;
      const created = await spec.create(ctx, parseAsForm(spec.schema, values, spec.what));
      return answer(ctx, created.id);
    },
    async update(ctx: Ctx, id: string, body: Record<string, unknown>): Promise<R> {
      const current = await spec.require(ctx.scope, id);
      const version = requireApiVersion(body);
      const data = parseAsForm(spec.schema, { ...spec.formValues(current), ...body, version: String(version) }, spec.what);
      await spec.update(ctx, current.id, version, data);
      return answer(ctx, current.id);
    },
    async archive(ctx: Ctx, id: string): Promise<R> {
      const current = await spec.require(ctx.scope, id);
      if (!current.archivedAt) await spec.setArchived(ctx, current.id, true);
      return answer(ctx, current.id);
    },
  };
}
