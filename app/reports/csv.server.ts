import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import { pipeline, Transform, type Readable, type Writable } from "node:stream";
import type { Column } from "~/utils/list-query";

// CSV through csv-stringify (quoting, newlines, UTF-8 BOM for spreadsheet
// programs). Cells that a spreadsheet would run as a formula (starting with
// = + - @, or a tab or carriage return) are prefixed with an apostrophe
// (OWASP's advice on CSV injection). Plain negative numbers stay numbers.

export function neutraliseCell(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const CSV_OPTIONS = { bom: true, record_delimiter: "\r\n" } as const;

export function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  return stringifySync([columns.map((c) => neutraliseCell(c.header)), ...rows.map((r) => columns.map((c) => neutraliseCell(c.text(r))))], CSV_OPTIONS);
}

/**
 * The same CSV as `toCsv`, byte for byte, as a Node stream written batch by
 * batch: the next batch is read only once the reader has taken the previous
 * one (backpressure), so a large export never sits whole in memory. A batch
 * that fails destroys the stream with its error, so the download fails
 * instead of ending as a truncated file that looks complete.
 */
export function csvStream<R>(columns: Column<R>[], batches: AsyncIterable<R[]>): Readable {
  const out = stringify(CSV_OPTIONS);
  const write = async () => {
    out.write(columns.map((c) => neutraliseCell(c.header)));
    for await (const batch of batches) {
      for (const row of batch) {
        if (out.destroyed) return; // the reader went away: stop reading batches
        if (!out.write(columns.map((c) => neutraliseCell(c.text(row))))) await drained(out);
      }
    }
    out.end();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  // csv-stringify emits one chunk per record: send them on in 64 kB pieces,
  // or the HTTP response makes a write (and a chunk) of every row. pipeline
  // passes an error (or the reader's going away) on to both streams.
  return pipeline(out, coalesced(), () => {});
}

/** A stream that passes bytes on in pieces of at least `size` (but the last). */
function coalesced(size = 64 * 1024): Transform {
  let parts: Buffer[] = [];
  let length = 0;
  const flush = (stream: Transform) => {
    stream.push(Buffer.concat(parts, length));
    parts = [];
    length = 0;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= size) flush(this);
      done();
    },
    flush(done) {
      if (length > 0) flush(this);
      done();
    },
  });
}

/** Resolves once `stream` takes writes again (or is gone: check `destroyed`). */
export function drained(stream: Writable | NodeJS.WritableStream): Promise<void> {
  const s = stream as Writable;
  if (!s.writableNeedDrain || s.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      s.off("drain", done);
      s.off("close", done);
      resolve();
    };
    s.on("drain", done);
    s.on("close", done);
  });
}

/** A file download that is never cached, under a name safe in a header. */
export function attachmentResponse(body: BodyInit, contentType: string, filename: string): Response {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${safe}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** A CSV download: the whole text, or a stream (`csvStream`) sent as it fills. */
export function csvResponse(csv: string | ReadableStream<Uint8Array>, filename: string): Response {
  return attachmentResponse(csv, "text/csv; charset=utf-8", filename);
}

export function datedFilename(base: string, ext: string, today = new Date()): string {
  return `${base}-${today.toISOString().slice(0, 10)}.${ext}`;
}
