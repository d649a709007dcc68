import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { s3Settings, type S3Settings } from "../../app/storage/blob-store.server";

// A local S3-protocol server for tests of the s3 blob store: s3rver (an npm
// package; objects are files in a temporary directory), on 127.0.0.1 and a
// free port, with one bucket made up front. It answers what the store sends
// through the AWS SDK v3: PutObject, GetObject, HeadObject, DeleteObject and
// ListObjectsV2, with path-style addressing and any signature from its fixed
// keys (S3RVER / S3RVER).
//
//   const s3 = await startS3TestServer();
//   spawn("tsx", ["scripts/server.ts"], { env: { ...process.env, ...s3.env } });
//   ...
//   await s3.close();

export type S3TestServer = {
  endpoint: string;
  bucket: string;
  /** The environment that points Concord's blob store at this server (CONCORD_BLOB_STORE=s3 and CONCORD_S3_*). */
  env: Record<string, string>;
  /** The same, for s3BlobStore() in the test's own process. */
  settings: S3Settings;
  /** Stops the server and removes its objects. */
  close(): Promise<void>;
};

export async function startS3TestServer(opts: { bucket?: string } = {}): Promise<S3TestServer> {
  const bucket = opts.bucket ?? "concord-test";
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "concord-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  return {
    endpoint,
    bucket,
    env: {
      CONCORD_BLOB_STORE: "s3",
      CONCORD_S3_ENDPOINT: endpoint,
      CONCORD_S3_BUCKET: bucket,
      CONCORD_S3_REGION: "us-east-1",
      CONCORD_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      CONCORD_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      CONCORD_S3_FORCE_PATH_STYLE: "1",
    },
    settings: s3Settings({ bucket, region: "us-east-1", endpoint, ...credentials, forcePathStyle: true }),
    async close() {
      // The SDK keeps connections alive; close() alone would wait for them.
      server.httpServer?.closeAllConnections();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
