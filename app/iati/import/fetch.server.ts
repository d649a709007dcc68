import http from "node:http";
import https from "node:https";
import dns from "node:dns";
import net from "node:net";
import { message } from "~/i18n/translate";
import { IATI_IMPORT_MAX_BYTES, IatiFileError } from "./parse.server";

// Fetches a published IATI file from a URL an administrator enters. The
// server makes the request, so the URL must not reach what only the server
// can (SSRF): http(s) only; the address the name resolves to is checked at
// connect time (the `lookup` hook, so a name that resolves to a public address
// first and a private one later gains nothing); redirects are followed by hand,
// a few at most, each checked the same way; a time limit and a size limit while
// the body streams. Private, loopback and link-local addresses are refused
// unless CONCORD_IATI_IMPORT_PRIVATE_URLS=1 (tests serve files on 127.0.0.1).

export const FETCH_TIMEOUT_MS = 20_000;
const MAX_REDIRECTS = 3;

const PRIVATE = new net.BlockList();
for (const [net4, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE.addSubnet(net4, bits, "ipv4");
for (const [net6, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) {
  PRIVATE.addSubnet(net6, bits, "ipv6");
}

/** True for addresses a public web server never has (loopback, private ranges, link-local, multicast). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], "ipv4");
  const family = net.isIPv6(address) ? "ipv6" : "ipv4";
  return PRIVATE.check(address, family);
}

type FetchOptions = { allowPrivate: boolean; timeoutMs?: number; maxBytes?: number };

const refuse = (key: Parameters<typeof message>[0], vars?: Parameters<typeof message>[1]) => new IatiFileError(message(key, vars));

/** The URL as entered, if it is an absolute http(s) URL. */
export function checkImportUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse("iatiImport.url.invalid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refuse("iatiImport.url.scheme");
  if (url.username || url.password) throw refuse("iatiImport.url.invalid");
  return url;
}

function get(url: URL, opts: Required<FetchOptions>): Promise<{ redirect: string } | { body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const lookup: net.LookupFunction = (hostname, options, callback) => {
      dns.lookup(hostname, { ...options, all: false }, (error, address, family) => {
        if (error) return callback(error, address, family);
        if (!opts.allowPrivate && isPrivateAddress(String(address))) {
          return callback(Object.assign(new Error("private address"), { code: "PRIVATE_ADDRESS" }), address, family);
        }
        callback(null, address, family);
      });
    };
    // A literal address in the URL never goes through lookup: checked here.
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(host) && !opts.allowPrivate && isPrivateAddress(host)) return reject(refuse("iatiImport.url.private"));
    const client = url.protocol === "https:" ? https : http;
    const request = client.get(url, { lookup, timeout: opts.timeoutMs, headers: { accept: "application/xml, text/xml, */*" } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        return resolve({ redirect: response.headers.location });
      }
      if (status !== 200) {
        response.resume();
        return reject(refuse("iatiImport.url.status", { status }));
      }
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        response.destroy();
        return reject(refuse("iatiImport.file.tooLarge", { max: "20 MB" }));
      }
      const parts: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > opts.maxBytes) {
          response.destroy();
          reject(refuse("iatiImport.file.tooLarge", { max: "20 MB" }));
          return;
        }
        parts.push(chunk);
      });
      response.on("end", () => resolve({ body: new Uint8Array(Buffer.concat(parts)) }));
      response.on("error", () => reject(refuse("iatiImport.url.failed")));
    });
    // The whole exchange, not only an idle socket, is bounded.
    const timer = setTimeout(() => request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })), opts.timeoutMs);
    request.on("close", () => clearTimeout(timer));
    request.on("timeout", () => request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "PRIVATE_ADDRESS") reject(refuse("iatiImport.url.private"));
      else if (error.code === "TIMEOUT") reject(refuse("iatiImport.url.timeout"));
      else reject(refuse("iatiImport.url.failed"));
    });
  });
}

/** The body of an IATI file at `raw` (an http(s) URL), following at most three http(s) redirects. */
export async function fetchIatiUrl(raw: string, options: FetchOptions): Promise<Uint8Array> {
  const opts = { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: IATI_IMPORT_MAX_BYTES, ...options };
  let url = checkImportUrl(raw);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const answer = await get(url, opts);
    if ("body" in answer) return answer.body;
    let next: URL;
    try {
      next = new URL(answer.redirect, url);
    } catch {
      throw refuse("iatiImport.url.invalid");
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") throw refuse("iatiImport.url.scheme");
    url = next;
  }
  throw refuse("iatiImport.url.redirects");
}
