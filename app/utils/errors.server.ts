// Errors a model function can raise that routes turn into a response.

export class DomainError extends Error {
  constructor(
    readonly code: "not_found" | "invalid" | "conflict" | "has_dependents",
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Someone else saved the record since it was loaded (optimistic locking). */
export class ConflictError extends DomainError {
  constructor(
    readonly current: { version: number; updatedAt: Date | null; updatedBy: string | null },
    readonly changes: Record<string, { mine: unknown; theirs: unknown }>,
  ) {
    super("conflict", "This record was changed by someone else while you were editing it.");
    this.name = "ConflictError";
  }
}

/** Deleting would leave records pointing at nothing. */
export class DependentsError extends DomainError {
  constructor(readonly dependents: { type: string; title: string }[]) {
    super(
      "has_dependents",
      `It cannot be deleted because other records depend on it: ${dependents
        .slice(0, 8)
        .map((d) => `${d.type} “${d.title}”`)
        .join(", ")}${dependents.length > 8 ? ` and ${dependents.length - 8} more` : ""}. Archive it instead.`,
    );
    this.name = "DependentsError";
  }
}

export function notFound(what = "Not found"): never {
  throw new Response(what, { status: 404 });
}
