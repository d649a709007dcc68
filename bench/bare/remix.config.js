// The bare yardstick app (bench/lib/bare.ts builds it in a scratch directory).
// The classic compiler and the same future flags as Concord's remix.config.js,
// so the framework does the same work per request (lazy route discovery's
// manifest, the same data serialisation); nothing else.
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*"],
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
