/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server saw it (set in scripts/server.ts). */
    clientIp: string | null;
    /** This response's Content-Security-Policy nonce (scripts/server.ts). */
    cspNonce: string;
    /**
     * Whether the request is a Remix data request (?_data=<route id>). Remix
     * removes _data before loaders see the URL, so scripts/server.ts says it.
     */
    dataRequest?: boolean;
  }
}
