import { describe, expect, it } from "vitest";
import { pulledByteStream } from "~/reports/pulled-stream.server";

// The IATI download's body (app/reports/pulled-stream.server.ts): the writer
// is asked for a programme's bytes only when the response wants them, so no
// programmes pile up ahead of the client; a client that goes away stops it.

const bytes = (s: string) => Buffer.from(s, "utf8");

/** An async generator that records how far it has been asked to go. */
function source(count: number, fail?: number) {
  const seen = { produced: 0, finished: false };
  async function* chunks() {
    try {
      for (let i = 0; i < count; i++) {
        if (i === fail) throw new Error(`broken at ${i}`);
        seen.produced++;
        yield bytes(`<chunk ${i}/>`);
      }
    } finally {
      seen.finished = true;
    }
  }
  return { seen, chunks: chunks() };
}

describe("pulledByteStream", () => {
  it("hands over every chunk in order, reading none ahead of the reader", async () => {
    const { seen, chunks } = source(5);
    const reader = pulledByteStream(chunks).getReader();
    // Give a read-ahead every chance to happen before the first read.
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.produced).toBe(0);
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe("<chunk 0/>");
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.produced).toBe(1);
    const rest: string[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest.push(Buffer.from(value).toString());
    }
    expect(rest).toEqual(["<chunk 1/>", "<chunk 2/>", "<chunk 3/>", "<chunk 4/>"]);
    expect(seen.finished).toBe(true);
  });

  it("ends the writer when the body is cancelled (the client went away)", async () => {
    const { seen, chunks } = source(1000);
    const reader = pulledByteStream(chunks).getReader();
    await reader.read();
    await reader.cancel(new Error("client closed"));
    expect(seen.finished).toBe(true);
    expect(seen.produced).toBe(1);
  });

  it("fails the body when the writer fails", async () => {
    const { chunks } = source(3, 1);
    const body = new Response(pulledByteStream(chunks));
    await expect(body.arrayBuffer()).rejects.toThrow(/broken at 1/);
  });
});
