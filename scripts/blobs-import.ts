// npm run blobs:import
// Copies every uploaded file in the uploads directory (CONCORD_UPLOADS_DIR, or
// <data dir>/uploads) into the configured blob store (CONCORD_BLOB_STORE):
// for a deployment that kept files on disk and now keeps them in the
// database or an S3 bucket. Safe to run twice and while the server runs
// (files are keyed by content; a stored one is skipped). The directory is
// left as it was: remove it once the server starts and documents download.
// See docs/operations.md ("Where uploaded files are kept").
import path from "node:path";
import { blobDriver, blobStore, localBlobStore } from "../app/storage/blob-store.server";
import { uploadsDir } from "../app/utils/env.server";
import { runTask } from "./lifecycle";

runTask("blobs:import", async () => {
  const store = blobStore();
  if (store.driver === "local") return `CONCORD_BLOB_STORE is local: the files are already where the server reads them (${uploadsDir()}).`;
  const source = uploadsDir();
  let copied = 0;
  let present = 0;
  for await (const sha256 of localBlobStore(source).list()) {
    if (await store.stat(sha256)) {
      present++;
      continue;
    }
    await store.put(sha256, path.join(source, sha256.slice(0, 2), sha256));
    copied++;
  }
  return `Copied ${copied} file(s) from ${source} into the ${blobDriver()} store (${present} were there already).`;
});
