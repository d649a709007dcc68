import { createRequire } from "node:module";

// Libraries only some requests need (the spreadsheet, PDF and IATI writers,
// the mail transport, the QR code, the S3 client) are loaded by the first
// request that needs them, not with the server: together they take some 70 MB
// of every server process, most of which never uses them (issue 16,
// docs/performance.md "Memory of a server at rest").
//
// Through require, not import(): the production server runs under tsx
// (`node --import tsx scripts/server.ts`), whose loader rewrites every ES
// module that contains `import(` and keeps a source map of it; for the 2 MB
// server build that cost more memory (some 120 MB) than the libraries save.
// Each of these libraries ships CommonJS, so require loads it as it is.
const require = createRequire(import.meta.url);

/** A loader for a CommonJS package: the first call requires it, later calls return the same module. */
export function loadOnFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
