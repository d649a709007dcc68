/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server saw it (set in scripts/server.ts). */
    clientIp: string | null;
    /** This response's Content-Security-Policy nonce (scripts/server.ts). */
    cspNonce: string;
  }
}
