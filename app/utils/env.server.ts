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
   * created in <data dir>/secret.key. Required on PostgreSQL (see requireServerSettings).
   */
  CONCORD_SECRET_KEY: z
    .string()
    .trim()
    .min(32, "must be at least 32 characters long")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Background jobs (mail, sweeps) each server process runs at the same time. */
  CONCORD_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(2),
  /** The sender of Concord's e-mail. */
  MAIL_FROM: z.string().min(3).max(300).default("Concord <no-reply@concord.invalid>"),
  /**
   * Which proxies in front may name the client (X-Forwarded-For, -Proto), with
   * Express's "trust proxy" meaning: "loopback", addresses or CIDRs separated by
   * commas ("10.0.0.0/8, uniquelocal"), a hop count ("1"), or "true" (any: only
   * when nothing can reach the server except through the proxy). Unset: nobody,
   * the client is the socket's address. See trustProxy().
   */
  TRUST_PROXY: z.string().trim().optional(),
  /** PostgreSQL connections per server process (DATABASE_URL only). */
  CONCORD_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** Server processes `npm start` runs (see workerCount()): default one per core on PostgreSQL, one on the embedded database. */
  CONCORD_WORKERS: z.coerce.number().int().min(1).max(256).optional().or(z.literal("").transform(() => undefined)),
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
  /**
   * "1" lets the IATI import fetch files from private, loopback and link-local
   * addresses (tests serve files on 127.0.0.1). Unset on a real deployment: an
   * administrator's URL must not reach what only the server can (ADR 0034).
   */
  CONCORD_IATI_IMPORT_PRIVATE_URLS: z.enum(["0", "1", ""]).default("0").transform((v) => v === "1"),
  /** Issue 18: the hour of the day (UTC) at which digests of notifications go out (weekly ones on Mondays). */
  CONCORD_DIGEST_HOUR: z.preprocess(
    (v) => (v === undefined || v === "" ? 6 : v),
    z.coerce.number({ invalid_type_error: "must be an hour of the day, 0 to 23 (UTC)" }).int("must be an hour of the day, 0 to 23 (UTC)").min(0, "must be an hour of the day, 0 to 23 (UTC)").max(23, "must be an hour of the day, 0 to 23 (UTC)"),
  ),
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

/**
 * TRUST_PROXY as Express's `app.set("trust proxy", …)` takes it: false (trust
 * nobody), true, a hop count, or the list of addresses, CIDRs and names
 * ("loopback", "linklocal", "uniquelocal") that proxy-addr compiles.
 */
export function trustProxy(): boolean | number | string {
  const raw = env().TRUST_PROXY;
  if (!raw || raw === "false" || raw === "0") return false;
  if (raw === "true") return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/**
 * Settings a server on PostgreSQL cannot run without, checked before it
 * listens: every process must encrypt authenticator keys with the same key (a
 * key file per process would make an authenticator enrolled on one fail on
 * the next), and build links from the same origin.
 */
export function requireServerSettings(): void {
  const e = env();
  if (!e.DATABASE_URL) {
    if (e.CONCORD_WORKERS !== undefined && e.CONCORD_WORKERS > 1) {
      throw new ConfigurationError(
        `CONCORD_WORKERS=${e.CONCORD_WORKERS} needs PostgreSQL (DATABASE_URL): the embedded database can be open in one process only. Leave CONCORD_WORKERS unset or set it to 1.`,
      );
    }
    return;
  }
  const missing = [
    !e.CONCORD_SECRET_KEY && "CONCORD_SECRET_KEY (32+ random characters, the same for every process: it encrypts authenticator keys)",
    !e.PUBLIC_ORIGIN && "PUBLIC_ORIGIN (the address users reach Concord at, e.g. https://concord.example.org)",
  ].filter(Boolean);
  if (missing.length) throw new ConfigurationError(`on PostgreSQL (DATABASE_URL) these settings are required: ${missing.join("; ")}.`);
}

/** How many server processes `npm start` runs: CONCORD_WORKERS, else one per core on PostgreSQL and one on the embedded database. */
export function workerCount(): number {
  const e = env();
  return e.CONCORD_WORKERS ?? (e.DATABASE_URL ? os.availableParallelism() : 1);
}
