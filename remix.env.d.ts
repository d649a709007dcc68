/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address (the socket's, or X-Forwarded-For as far as TRUST_PROXY trusts it; scripts/server.ts). */
    clientIp: string | null;
    /** This request's id (X-Request-Id; in every log line of the request). Absent outside the server (tests). */
    requestId?: string;
    /** The request's User-Agent header. */
    userAgent?: string | null;
    /** This response's Content-Security-Policy nonce (scripts/server.ts). */
    cspNonce: string;
    /**
     * Whether the request is a Remix data request (?_data=<route id>). Remix
     * removes _data before loaders see the URL, so scripts/server.ts says it.
     */
    dataRequest?: boolean;
  }
}
