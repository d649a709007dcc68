import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Role } from "@prisma/client";
import type { PrismaClient } from "@prisma/client";

// lucia's storage for Concord's "Session" table. Concord's own rather than
// @lucia-auth/adapter-prisma: that package's peer range stops at Prisma 5
// (it pinned Prisma through an npm override), and it read every column of the
// user (password hash and TOTP secret included) on every request. This one:
// - looks a session up with one indexed query, the session joined with the
//   few user columns lucia's user attributes need (session.server.ts);
// - writes with plain Prisma calls, none of which fails when the row is gone
//   (a session ended by a parallel request is simply not there any more).
// See docs/decisions/0016-request-context-and-processes.md.

type SessionRow = {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  mfaVerified: boolean;
  userAgent: string | null;
  ip: string | null;
};

/** The user columns the lookup joins: lucia's user attributes (session.server.ts), and no more. */
export type DatabaseUserAttributes = {
  email: string;
  name: string;
  role: Role;
  isDemo: boolean;
  deactivatedAt: Date | null;
  locale: string | null;
  totpEnabledAt: Date | null;
};

type JoinedRow = SessionRow & DatabaseUserAttributes;

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const asDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : asDate(value));

function toDatabaseSession(row: SessionRow): DatabaseSession {
  return {
    id: row.id,
    userId: row.userId,
    expiresAt: asDate(row.expiresAt),
    attributes: { ip: row.ip, userAgent: row.userAgent, mfaVerified: row.mfaVerified, createdAt: asDate(row.createdAt) },
  };
}

const SESSION_COLUMNS = { id: true, userId: true, expiresAt: true, createdAt: true, mfaVerified: true, userAgent: true, ip: true } as const;

export class ConcordSessionAdapter implements Adapter {
  constructor(private readonly db: PrismaClient) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    // By primary key, the user by its primary key: one round trip on every request.
    const [row] = await this.db.$queryRaw<JoinedRow[]>`
      SELECT s."id", s."userId", s."expiresAt", s."createdAt", s."mfaVerified", s."userAgent", s."ip",
             u."email", u."name", u."role"::text AS "role", u."isDemo", u."deactivatedAt", u."locale", u."totpEnabledAt"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${sessionId}`;
    if (!row) return [null, null];
    const user: DatabaseUser = {
      id: row.userId,
      attributes: {
        email: row.email,
        name: row.name,
        role: row.role,
        isDemo: row.isDemo,
        deactivatedAt: asDateOrNull(row.deactivatedAt),
        locale: row.locale,
        totpEnabledAt: asDateOrNull(row.totpEnabledAt),
      },
    };
    return [toDatabaseSession(row), user];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.session.findMany({ where: { userId }, select: SESSION_COLUMNS });
    return rows.map(toDatabaseSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const { ip, userAgent, mfaVerified } = session.attributes;
    await this.db.session.create({
      data: { id: session.id, userId: session.userId, expiresAt: session.expiresAt, ip, userAgent, mfaVerified },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { id: sessionId } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { userId } });
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  }
}
