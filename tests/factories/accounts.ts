import type { PrismaClient, Role, TokenPurpose } from "@prisma/client";
import { hashToken, newToken } from "../../app/models/account.server";
import { uid } from "./index";

// Invitation and reset links made directly in the database, for tests that
// need one in a particular state (expired, used) without going through mail.

export async function createLink(
  db: PrismaClient,
  opts: {
    purpose: TokenPurpose;
    email?: string;
    userId?: string;
    role?: Role;
    countries?: string[];
    organisationIds?: string[];
    name?: string;
    expiresInMs?: number;
    used?: boolean;
    createdById?: string;
  },
): Promise<{ token: string; id: string; email: string }> {
  const { token, tokenHash } = newToken();
  const email = opts.email ?? `invitee-${uid()}@test.concord`;
  const row = await db.authToken.create({
    data: {
      tokenHash,
      purpose: opts.purpose,
      email,
      userId: opts.userId ?? null,
      role: opts.purpose === "INVITATION" ? (opts.role ?? "PARTNER") : null,
      scope:
        opts.purpose === "INVITATION"
          ? { countries: opts.countries ?? [], organisationIds: opts.organisationIds ?? [], name: opts.name ?? "Invited Person" }
          : undefined,
      expiresAt: new Date(Date.now() + (opts.expiresInMs ?? 24 * 60 * 60 * 1000)),
      usedAt: opts.used ? new Date() : null,
      createdById: opts.createdById ?? null,
    },
  });
  return { token, id: row.id, email };
}

export { hashToken };
