/**
 * A response body over an async iterator of byte chunks that asks for the
 * next chunk only when the reader wants one (highWaterMark 0: nothing is read
 * ahead). The IATI file uses it instead of createReadableStreamFromReadable(
 * Readable.from(...)), whose object-mode Readable pulls up to 16 chunks (16
 * programmes of XML) ahead of the response. Cancelling the body (the client
 * went away) ends the iterator, so the writer stops reading the database.
 * (Node's ReadableStream.from does the same, but TypeScript's DOM types do not
 * declare it yet.)
 */
export function pulledByteStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
