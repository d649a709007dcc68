import type { AppLoadContext } from "@remix-run/node";
import { createApiToken } from "~/models/api-token.server";
import type { Ctx } from "~/models/ctx.server";
import { ApiTokenFormSchema } from "~/schemas/api-token";

// Calls an /api/v1 route module as the server calls it (loader for GET, action
// otherwise), with a bearer token and a JSON body: the API tests' one helper.

export const apiContext = { clientIp: "203.0.113.10", userAgent: "api-test", requestId: "req-api-test" } as unknown as AppLoadContext;

export type ApiCall = { method?: string; path?: string; token?: string | null; body?: unknown; headers?: Record<string, string> };

export function apiCaller(base: string) {
  return async function call(route: { loader: Function; action: Function }, c: ApiCall, params: Record<string, string> = {}) {
    const { method = "GET", path = "", token, body, headers = {} } = c;
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h["content-type"] = "application/json";
    const request = new Request(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const res: Response = await (method === "GET" ? route.loader : route.action)({ request, params, context: apiContext });
    const text = await res.text();
    return { status: res.status, type: res.headers.get("content-type") ?? "", body: text ? JSON.parse(text) : null, headers: res.headers };
  };
}

/** A token of this user's ("writer", or "reader" when read-only), valid 30 days. */
export const apiTokenFor = async (ctx: Ctx, readOnly = false) =>
  (await createApiToken(ctx, ApiTokenFormSchema.parse({ name: readOnly ? "reader" : "writer", expiresInDays: "30", readOnly }))).token;
