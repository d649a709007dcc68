import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import fs from "node:fs";
import path from "node:path";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import type QRCodeModule from "qrcode";
import { dataDir, env } from "~/utils/env.server";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";

const qrcode = loadOnFirstUse<typeof QRCodeModule>("qrcode");

// The cryptography of the second factor; no database access here (that is
// app/models/mfa.server.ts). See docs/decisions/0005-multi-factor-sign-in.md.
//
// TOTP per RFC 6238 with the parameters every authenticator app supports:
// HMAC-SHA-1, 30-second steps, 6 digits, a 160-bit random key.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const TOTP_KEY_BYTES = 20;
export const TOTP_ISSUER = "Concord";
export const RECOVERY_CODE_COUNT = 10;

export function newTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(TOTP_KEY_BYTES));
}

/** The key as people type it into an app: upper-case base32 in groups of four. */
export function formatTotpKey(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})/g, "$1 ").trim();
}

export function totpKeyUri(accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI(TOTP_ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The otpauth:// URI as an SVG QR code, drawn here (no image service sees the key). */
export async function totpQrSvg(uri: string): Promise<string> {
  return qrcode().toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#0f172a", light: "#ffffff" } });
}

export function currentTotpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/** "123 456" and "123456" are the same code; anything else is not a code. */
export function normaliseTotp(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The time step whose code `code` is, looking one step back and one ahead
 * (clock drift and a code typed as it changes), or null. The caller refuses
 * a step that was already accepted (User.totpLastStep).
 */
export function matchTotpStep(key: Uint8Array, code: string, now = Date.now()): number | null {
  const step = currentTotpStep(now);
  for (const candidate of [step, step - 1, step + 1]) {
    if (sameText(totpAt(key, candidate), code)) return candidate;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Recovery codes: 80 random bits each, shown once as xxxx-xxxx-xxxx-xxxx in
// lower-case base32 (no 0/1/8/9 to confuse), stored only as salted SHA-256
// hashes. With 80 bits of entropy per code a slow password hash adds nothing
// (nobody can try 2^80 candidates), and checking a code against ten stored
// hashes stays instant (ASVS 5.0 V6.5.2: salted, approved one-way function).

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    encodeBase32LowerCaseNoPadding(randomBytes(10)).replace(/(.{4})(?!$)/g, "$1-"),
  );
}

export function hashRecoveryCode(normalised: string): string {
  const salt = randomBytes(16);
  const digest = createHash("sha256").update(salt).update(normalised).digest();
  return `sha256$${salt.toString("base64url")}$${digest.toString("base64url")}`;
}

export function recoveryCodeMatches(stored: string, normalised: string): boolean {
  const [scheme, salt, digest] = stored.split("$");
  if (scheme !== "sha256" || !salt || !digest) return false;
  const actual = createHash("sha256").update(Buffer.from(salt, "base64url")).update(normalised).digest();
  const expected = Buffer.from(digest, "base64url");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Case, spaces and dashes do not matter when a recovery code is typed. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, "");
  return /^[a-z2-7]{16}$/.test(compact) ? compact : null;
}

// ---------------------------------------------------------------------------
// The TOTP key is encrypted at rest (AES-256-GCM, the user id as associated
// data so a ciphertext cannot be moved to another account), so a database
// dump or backup alone does not give anyone the second factor.
//
// The encryption key comes from CONCORD_SECRET_KEY (at least 32 characters);
// without it, from <data dir>/secret.key, created on first use with mode 0600
// (the demo and single-machine installs need nothing set up). With the
// in-memory data directory of the tests, a per-process key.

const KEY_FILE = "secret.key";
let encryptionKey: Buffer | undefined;
let material: string | undefined;

/** The server's secret (read or created once per process). */
function keyMaterial(): string {
  material ??= readKeyMaterial();
  return material;
}

function readKeyMaterial(): string {
  const configured = env().CONCORD_SECRET_KEY;
  if (configured) return configured;
  if (env().CONCORD_DATA_DIR.startsWith("memory://")) return randomBytes(32).toString("base64");
  const dir = dataDir();
  const file = path.join(dir, KEY_FILE);
  fs.mkdirSync(dir, { recursive: true });
  try {
    // "wx": of two processes starting together, one writes and both read the same key.
    fs.writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
    console.warn(
      `Concord created ${file} to encrypt authenticator keys. Keep it with your backups, or set CONCORD_SECRET_KEY; without it, users must enrol their authenticator again.`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stored = fs.readFileSync(file, "utf8").trim();
  if (stored.length < 32) throw new Error(`${file} is too short to be a Concord secret key.`);
  return stored;
}

function key(): Buffer {
  encryptionKey ??= Buffer.from(hkdfSync("sha256", keyMaterial(), "concord", "totp-secret-v1", 32));
  return encryptionKey;
}

/**
 * A secret for one purpose (e.g. "flash-cookie-v1"), derived from the server's
 * secret above, so every process sharing CONCORD_SECRET_KEY (or the data
 * directory's key file) derives the same one and no purpose learns another's key.
 */
export function derivedSecret(purpose: string): string {
  return Buffer.from(hkdfSync("sha256", keyMaterial(), "concord", purpose, 32)).toString("base64url");
}

export function encryptTotpKey(userId: string, totpKey: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(totpKey), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The stored key, or null when it cannot be read with this server's encryption key. */
export function decryptTotpKey(userId: string, stored: string): Uint8Array | null {
  if (!stored.startsWith("v1.")) return null;
  try {
    const raw = Buffer.from(stored.slice(3), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
  } catch {
    return null;
  }
}

/** For tests and scripts that hold a key as base32 text (what the page shows). */
export function totpKeyFromBase32(text: string): Uint8Array {
  return decodeBase32IgnorePadding(text.replace(/\s/g, "").toUpperCase());
}

// ---------------------------------------------------------------------------
// New recovery codes travel from the action that made them to the page that
// shows them (post/redirect/get) in a short-lived cookie, encrypted and bound
// to the user, until the user confirms they saved them (then it is cleared)
// or 10 minutes pass; a reload in between does not lose them. The page after a POST cannot simply be
// the action's answer: enabling MFA replaces the session, and a plain-HTML
// post would then render the page with the old, ended session.

const FLASH_SECONDS = 10 * 60;

export type RecoveryCodesFlash = { codes: string[]; createdAt: string; enabled: boolean };

export function sealRecoveryCodes(userId: string, flash: RecoveryCodesFlash): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(`recovery-codes:${userId}`));
  const payload = JSON.stringify({ ...flash, expires: Date.now() + FLASH_SECONDS * 1000 });
  const body = Buffer.concat([cipher.update(payload, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function openRecoveryCodes(userId: string, sealed: string): RecoveryCodesFlash | null {
  try {
    const raw = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`recovery-codes:${userId}`));
    decipher.setAuthTag(raw.subarray(12, 28));
    const data = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8")) as RecoveryCodesFlash & {
      expires: number;
    };
    if (typeof data.expires !== "number" || data.expires < Date.now() || !Array.isArray(data.codes)) return null;
    return { codes: data.codes.map(String), createdAt: String(data.createdAt), enabled: data.enabled === true };
  } catch {
    return null;
  }
}

export const RECOVERY_FLASH_MAX_AGE = FLASH_SECONDS;

function flashCookieName(): string {
  return env().PUBLIC_ORIGIN?.startsWith("https://") ? "__Secure-concord_mfa_codes" : "concord_mfa_codes";
}

function flashCookieAttributes(maxAge: number): string {
  const secure = env().PUBLIC_ORIGIN?.startsWith("https://") ? "; Secure" : "";
  return `Path=/account/mfa; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** Set-Cookie carrying new recovery codes to the next GET of /account/mfa. */
export function recoveryCodesCookie(userId: string, flash: RecoveryCodesFlash): string {
  return `${flashCookieName()}=${sealRecoveryCodes(userId, flash)}; ${flashCookieAttributes(FLASH_SECONDS)}`;
}

/** The codes the request carries for this user, if any (they stay until the user says they saved them, or 10 minutes). */
export function readRecoveryCodesCookie(request: Request, userId: string): RecoveryCodesFlash | null {
  const name = flashCookieName();
  const value = (request.headers.get("Cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  return value ? openRecoveryCodes(userId, value) : null;
}

/** Set-Cookie that removes the recovery codes from the browser. */
export function clearRecoveryCodesCookie(): string {
  return `${flashCookieName()}=; ${flashCookieAttributes(0)}`;
}

// ---------------------------------------------------------------------------
// Other secrets kept at rest for a while (a queued mail holds a sign-in link)
// are sealed the same way, with a key of their own derived from the same
// secret, and `purpose` as associated data so a sealed text cannot be moved
// from one use to another.

const sealingKeys = new Map<string, Buffer>();
function sealingKey(purpose: string): Buffer {
  let k = sealingKeys.get(purpose);
  if (!k) sealingKeys.set(purpose, (k = Buffer.from(hkdfSync("sha256", keyMaterial(), "concord", `sealed-text-v1:${purpose}`, 32))));
  return k;
}

export function sealText(purpose: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The text, or null when it cannot be opened with this server's secret (another key, or tampered with). */
export function openText(purpose: string, sealed: string): string | null {
  if (!sealed.startsWith("v1.")) return null;
  try {
    const raw = Buffer.from(sealed.slice(3), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(purpose), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
