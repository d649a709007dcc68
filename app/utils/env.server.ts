import os from "node:os";
import path from "node:path";
import { z } from "zod";

// Checked once at start-up; a bad value stops the process with a message that
// names the variable instead of failing later in some request.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL (leave it unset for the embedded database)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Where the embedded database and uploads live. "memory://" keeps the database in memory (tests). */
  CONCORD_DATA_DIR: z.string().min(1).default("./data"),
  /** Uploaded files; defaults to <data dir>/uploads. */
  CONCORD_UPLOADS_DIR: z.string().min(1).optional(),
  /** "1" lets the demo accounts sign in. Never set it on a real deployment. */
  CONCORD_DEMO: z.enum(["0", "1", ""]).default("0").transform((v) => v === "1"),
  /**
   * The public origin, e.g. https://concord.example.org: links in e-mail and
   * exports are built from it (never from a request's Host header), and it
   * decides Secure/__Host- cookies. Required in production (see publicOrigin).
   */
  PUBLIC_ORIGIN: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  /**
   * Outgoing mail: smtp://user:pass@host:587 (STARTTLS when the server offers it) or
   * smtps://user:pass@host:465. Unset: messages are written as .eml files under <data dir>/outbox.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL (leave it unset to write mail to <data dir>/outbox)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /**
   * Encrypts authenticator (TOTP) keys at rest; 32+ characters. Unset: a key is
   * created in <data dir>/secret.key. Set it on a PostgreSQL deployment.
   */
  CONCORD_SECRET_KEY: z
    .string()
    .trim()
    .min(32, "must be at least 32 characters long")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The sender of Concord's e-mail. */
  MAIL_FROM: z.string().min(3).max(300).default("Concord <no-reply@concord.invalid>"),
  /**
   * Where uploaded files' bytes live (app/storage/blob-store.server.ts): "local"
   * (the uploads directory), "database" or "s3". Unset: local on the embedded
   * database, database on PostgreSQL. The CONCORD_S3_* settings serve "s3";
   * without the two keys the AWS SDK's own credential chain is used.
   */
  CONCORD_BLOB_STORE: z.enum(["local", "database", "s3"]).optional().or(z.literal("").transform(() => undefined)),
  CONCORD_S3_BUCKET: z.string().trim().min(3).optional().or(z.literal("").transform(() => undefined)),
  CONCORD_S3_REGION: z.string().trim().min(1).default("us-east-1"),
  CONCORD_S3_ENDPOINT: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  CONCORD_S3_ACCESS_KEY_ID: z.string().trim().optional().transform((v) => v || undefined),
  CONCORD_S3_SECRET_ACCESS_KEY: z.string().trim().optional().transform((v) => v || undefined),
  /** "1" for servers that want https://host/bucket/key (MinIO and most self-hosted ones). */
  CONCORD_S3_FORCE_PATH_STYLE: z.enum(["0", "1", ""]).default("0").transform((v) => v === "1"),
  CONCORD_S3_PREFIX: z.string().trim().optional().transform((v) => v || undefined),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().CONCORD_DATA_DIR);
}

/** The embedded database lives in <data>/pglite unless the data dir is in memory. */
export function embeddedDatabaseDir(): string {
  const dir = env().CONCORD_DATA_DIR;
  return dir.startsWith("memory://") ? dir : path.join(dataDir(), "pglite");
}

export function uploadsDir(): string {
  const e = env();
  if (e.CONCORD_UPLOADS_DIR) return path.resolve(e.CONCORD_UPLOADS_DIR);
  if (e.CONCORD_DATA_DIR.startsWith("memory://")) return path.join(os.tmpdir(), `concord-uploads-${process.pid}`);
  return path.join(dataDir(), "uploads");
}

/** A setting the server cannot run without: it stops at start-up with the message. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/**
 * The origin users reach Concord at, for every absolute link it makes
 * (password-reset and invitation e-mails, IATI document links). Never taken
 * from a request: a forged Host header would otherwise choose where a reset
 * link points. A production server refuses to start without PUBLIC_ORIGIN
 * (scripts/server.ts calls this first); the demo and development derive it
 * from HOST and PORT.
 */
export function publicOrigin(): string {
  const e = env();
  if (e.PUBLIC_ORIGIN) return new URL(e.PUBLIC_ORIGIN).origin;
  if (e.NODE_ENV === "production" && !e.CONCORD_DEMO) {
    throw new ConfigurationError(
      "PUBLIC_ORIGIN is required in production: the address users reach Concord at, e.g. https://concord.example.org " +
        "(links in password-reset and invitation e-mails are built from it, never from a request's Host header).",
    );
  }
  const host = ["0.0.0.0", "::", "[::]"].includes(e.HOST) ? "localhost" : e.HOST.includes(":") && !e.HOST.startsWith("[") ? `[${e.HOST}]` : e.HOST;
  return `http://${host}:${e.PORT}`;
}
