import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import type { CommentForm } from "~/schemas/comment";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { auditSource, type Ctx } from "./ctx.server";
import { forbiddenError, notFoundError } from "~/utils/errors.server";
import { outcomeScopeWhere } from "./outcome.server";
import { emitNotification } from "~/notifications/emit.server";

// Partners acknowledge an outcome or a deliverable (once: the first
// acknowledgement stands, a second one changes nothing) and comment on them.
// Each write commits together with its audit event ("acknowledge" /
// "comment"), which staff see in the record's history. The record is looked
// up through the partner's scope inside the transaction, so a record of
// another country, or an archived one, is "not found" (404).
// Acknowledging does not bump `version`: it is not an edit of the staff's
// fields, and must not turn a staff member's open edit into a conflict.

export type Target = { kind: "Outcome" | "Deliverable"; id: string };

async function findInScope(tx: Tx, scope: Scope, target: Target): Promise<{ id: string } | null> {
  return target.kind === "Outcome"
    ? tx.outcome.findFirst({ where: { AND: [{ id: target.id }, outcomeScopeWhere(scope)] }, select: { id: true } })
    : tx.deliverable.findFirst({ where: { AND: [{ id: target.id }, programmeChildWhere(scope, "deliverable"), { archivedAt: null }] }, select: { id: true } });
}

function notFound(target: Target): never {
  throw notFoundError(`${target.kind} not found`);
}

/** Acknowledging and commenting are a partner's: staff and donors are refused (403) whatever the route checked. */
function partnerScope(ctx: Ctx): Scope & { kind: "partner" } {
  if (ctx.scope.kind !== "partner") throw forbiddenError();
  return ctx.scope;
}

/** Acknowledges the record for the partner; returns false when it had already been acknowledged. */
export async function acknowledge(ctx: Ctx, target: Target, now = new Date()) {
  const scope = partnerScope(ctx);
  return prisma.$transaction(async (tx) => {
    if (!(await findInScope(tx, scope, target))) notFound(target);
    const where = { id: target.id, acknowledgedAt: null };
    const data = { acknowledgedAt: now, acknowledgedById: ctx.actor.id };
    const updated = target.kind === "Outcome" ? await tx.outcome.updateMany({ where, data }) : await tx.deliverable.updateMany({ where, data });
    if (updated.count === 0) return false;
    await recordAudit(
      { ...auditSource(ctx), action: "acknowledge", entityType: target.kind, entityId: target.id, changes: { acknowledgedAt: now.toISOString() } },
      tx,
    );
    // Issue 18: staff are told (the notify job; nothing if this rolls back).
    await emitNotification(tx, { kind: "PARTNER_ACKNOWLEDGED", target: { kind: target.kind, id: target.id }, actorId: ctx.actor.id });
    return true;
  });
}

/** Adds the partner's comment to the record. */
export async function addComment(ctx: Ctx, target: Target, data: CommentForm) {
  const scope = partnerScope(ctx);
  return prisma.$transaction(async (tx) => {
    if (!(await findInScope(tx, scope, target))) notFound(target);
    const comment = await tx.comment.create({
      data: {
        authorId: ctx.actor.id,
        body: data.body,
        ...(target.kind === "Outcome" ? { outcomeId: target.id } : { deliverableId: target.id }),
      },
    });
    await recordAudit(
      { ...auditSource(ctx), action: "comment", entityType: target.kind, entityId: target.id, changes: { body: data.body }, metadata: { commentId: comment.id } },
      tx,
    );
    await emitNotification(tx, { kind: "PARTNER_COMMENTED", target: { kind: target.kind, id: target.id }, commentId: comment.id, actorId: ctx.actor.id });
    return comment;
  });
}
