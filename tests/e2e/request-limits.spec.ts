import http from "node:http";
import { BODY_LIMITS } from "../../app/utils/limits";
import { createUser } from "../factories";
import { expect, prisma, test } from "./support/fixtures";
import { linkIn, mailFor, waitForMail } from "./support/smtp";

// What the server refuses before a request reaches any route (issue 14, points
// 2, 4 and 6): bodies over their limit (413, before they are read), methods
// no route takes (405), redirect targets off this site, and links in e-mail
// built from a forged Host header. Plain node:http, so every status, header
// and byte is exactly what the server sent (fetch forbids TRACE and sets Host).

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };


function raw(
  baseURL: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; chunks?: () => Generator<Buffer> } = {},
): Promise<Raw> {
  const url = new URL(path, baseURL);
  let answered = false;
  // A kept-alive connection, as browsers use (the server discards the rest of
  // a refused body rather than resetting it), of its own: one whose body was
  // cut short must not be reused.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<Raw>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: options.headers, agent },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          agent.destroy();
        });
        res.on("error", reject);
      },
    );
    // The server may answer before the whole body is sent: that is the point.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    if (options.chunks) {
      const chunks = options.chunks();
      const pump = () => {
        for (;;) {
          const next = chunks.next();
          if (next.done) return void req.end();
          if (req.destroyed) return;
          if (!req.write(next.value)) return void req.once("drain", pump);
        }
      };
      pump();
    } else if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

test.describe("request bodies over the limit", () => {
  test("a body that declares more than the limit is refused with 413 before a byte of it is sent", async ({ baseURL }) => {
    for (const path of ["/sign-in", "/forgot-password", "/reset-password/abc", "/language", "/programmes/new", "/nowhere"]) {
      // 64 MB declared, nothing sent: an answer can only come from the declared length.
      const res = await raw(baseURL!, "POST", path, { headers: { ...FORM, "Content-Length": String(64 * 1024 * 1024) }, chunks: function* () {} });
      expect(res.status, path).toBe(413);
      expect(res.body).toContain("larger than Concord accepts");
    }
  });

  test("a chunked body is counted as it arrives and refused with 413 past the limit, in the reader's language", async ({ baseURL }) => {
    const chunk = Buffer.from(`a=${"x".repeat(64 * 1024)}&`);
    const count = Math.ceil(BODY_LIMITS.defaultBytes / chunk.length) + 4;
    const res = await raw(baseURL!, "POST", "/sign-in", {
      headers: { ...FORM, "Transfer-Encoding": "chunked", "Accept-Language": "ru" },
      chunks: function* () {
        for (let i = 0; i < count; i++) yield chunk;
      },
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain("превышает допустимый размер");
  });

  test("the JSON API refuses a body over its limit as a problem (RFC 9457), in the caller's language", async ({ baseURL }) => {
    const res = await raw(baseURL!, "POST", "/api/v1/agreements", {
      headers: { "Content-Type": "application/json", "Content-Length": String(64 * 1024 * 1024), "Accept-Language": "ru" },
      chunks: function* () {},
    });
    expect([res.status, res.headers["content-type"]]).toEqual([413, "application/problem+json; charset=utf-8"]);
    expect(JSON.parse(res.body)).toMatchObject({ type: "/api/v1/docs#problem-too-large", title: "Слишком большой запрос", status: 413, instance: "/api/v1/agreements" });
    expect(JSON.parse(res.body).detail).toContain("превышает допустимый размер");
  });

  test("a body within the limit is read as before, and an upload may be larger than a form", async ({ baseURL }) => {
    const res = await raw(baseURL!, "POST", "/sign-in", { headers: FORM, body: `email=nobody%40test.concord&password=x&note=${"y".repeat(1024 * 1024)}` });
    expect(res.status).toBe(400);
    // Past the form limit but within the upload limit: not refused for its size (anonymous: sent to sign in).
    const upload = await raw(baseURL!, "POST", "/documents/new", { headers: FORM, body: "z".repeat(BODY_LIMITS.defaultBytes + 1024) });
    expect(upload.status).not.toBe(413);
    // The API's document upload takes the same files as the page.
    const apiUpload = await raw(baseURL!, "POST", "/api/v1/documents", { headers: FORM, body: "z".repeat(BODY_LIMITS.defaultBytes + 1024) });
    expect(apiUpload.status).not.toBe(413);
    // So does the spreadsheet import (a 10,000-row workbook is past the form limit).
    const importUpload = await raw(baseURL!, "POST", "/imports", { headers: FORM, body: "z".repeat(BODY_LIMITS.defaultBytes + 1024) });
    expect(importUpload.status).not.toBe(413);
  });
});

test.describe("methods", () => {
  test("methods no route takes answer 405 with Allow, never 500", async ({ baseURL }) => {
    for (const method of ["TRACE", "PROPFIND", "PUT", "DELETE", "PATCH", "OPTIONS", "MKCOL", "SEARCH"]) {
      for (const path of ["/sign-in", "/", "/programmes", "/healthz"]) {
        const res = await raw(baseURL!, method, path);
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.allow).toBe("GET, HEAD, POST");
      }
    }
    expect((await raw(baseURL!, "HEAD", "/sign-in")).status).toBe(200);
    // The JSON API also takes PATCH (a change with its version): it reaches the API, which asks for a token.
    const patch = await raw(baseURL!, "PATCH", "/api/v1/agreements/x", { headers: { "content-type": "application/json" }, body: "{}" });
    expect(patch.status).toBe(401);
    for (const method of ["PUT", "DELETE", "TRACE"]) {
      const res = await raw(baseURL!, method, "/api/v1/agreements/x");
      expect(res.status, `${method} /api/v1/agreements/x`).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD, POST, PATCH");
      // As every API refusal: a problem (RFC 9457), not a line of text.
      expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(JSON.parse(res.body)).toEqual({
        type: "/api/v1/docs#problem-method-not-allowed",
        title: "Method not allowed",
        status: 405,
        detail: "This address does not accept this kind of request.",
        instance: "/api/v1/agreements/x",
      });
    }
  });

  test("an API address no operation answers is a 404 problem, not the HTML page", async ({ baseURL }) => {
    for (const path of ["/api/v1/nowhere", "/api/v1/activities/x/y/z", "/api/v2/activities", "/api"]) {
      const res = await raw(baseURL!, "GET", path, { headers: { "Accept-Language": "ko" } });
      expect([res.status, res.headers["content-type"]], path).toEqual([404, "application/problem+json; charset=utf-8"]);
      expect(JSON.parse(res.body), path).toEqual({
        type: "/api/v1/docs#problem-not-found",
        title: expect.any(String),
        status: 404,
        detail: "이 주소에는 API 작업이 없습니다. 작업 목록은 /api/v1/docs에 있습니다.",
        instance: path,
      });
    }
    // A page's unknown address keeps its page.
    const page = await raw(baseURL!, "GET", "/nowhere");
    expect([page.status, page.headers["content-type"]]).toEqual([404, "text/html; charset=utf-8"]);
  });
});

test.describe("redirect targets", () => {
  const TRICKY = [
    "/%09/evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\r\nSet-Cookie: x=1", "//evil.example",
    "/\\evil.example", "\\\\evil.example", "/%2F%2Fevil.example", "/.//evil.example", "https://evil.example/", "javascript:alert(1)",
    "data:text/html,x", "/\u3002evil.example", "/\u0000//evil.example",
  ];
  test("the language switch sends every return address to a page of this site, never a 500", async ({ baseURL }) => {
    const origin = new URL(baseURL!).origin;
    for (const returnTo of TRICKY) {
      for (const body of [new URLSearchParams({ locale: "ko", returnTo }).toString(), `locale=ko&returnTo=${returnTo}`]) {
        const res = await raw(baseURL!, "POST", "/language", { headers: { ...FORM, Origin: origin }, body });
        expect(res.status, JSON.stringify(body)).toBe(302);
        const location = res.headers.location ?? "";
        // Where a browser goes: it drops tabs and line breaks.
        expect(new URL(location.replace(/[\t\n\r]/g, ""), baseURL).origin, `${JSON.stringify(body)} -> ${location}`).toBe(origin);
        expect(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\")).toBe(true);
      }
    }
    const ok = await raw(baseURL!, "POST", "/language", { headers: { ...FORM, Origin: origin }, body: "locale=ru&returnTo=%2Fprogrammes%3Fq%3Dx" });
    expect(ok.headers.location).toBe("/programmes?q=x");
  });
});

test.describe("links in e-mail", () => {
  test("a password reset asked for with a forged Host header mails a link to PUBLIC_ORIGIN", async ({ baseURL }) => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    const before = mailFor(user.email).length;
    for (const host of ["evil.example", `evil.example:${new URL(baseURL!).port}`]) {
      const res = await raw(baseURL!, "POST", "/forgot-password", {
        headers: { ...FORM, Host: host, "X-Forwarded-Host": "evil.example" },
        body: new URLSearchParams({ email: user.email }).toString(),
      });
      expect(res.status).toBeLessThan(400);
    }
    const mail = await waitForMail(user.email, /.+/, { after: before });
    const link = new URL(linkIn(mail, "/reset-password/"));
    // PUBLIC_ORIGIN of the test server (playwright.config.ts).
    expect(link.origin).toBe(new URL(baseURL!).origin);
    for (const m of mailFor(user.email).slice(before)) expect(m.text).not.toContain("evil.example");
  });
});
