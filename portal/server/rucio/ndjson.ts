import "server-only";
import { parseRucioJson } from "./json";

/** A single line longer than this is not a Rucio record but a broken stream; stop before memory runs out. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

/**
 * Yields one parsed value per line of an `application/x-json-stream` body as the bytes arrive.
 * Only the current partial line is held in memory. An empty body yields nothing. Stopping the
 * iteration early cancels the body, which releases the connection.
 */
export async function* parseNdjson(body: ReadableStream<Uint8Array> | null): AsyncGenerator<unknown> {
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      let newline = pending.indexOf("\n");
      if (newline < 0 && pending.length > MAX_LINE_CHARS) {
        throw new Error(`NDJSON line longer than ${MAX_LINE_CHARS} characters`);
      }
      let start = 0;
      while (newline >= 0) {
        const line = pending.slice(start, newline).trim();
        if (line) yield parseRucioJson(line);
        start = newline + 1;
        newline = pending.indexOf("\n", start);
      }
      pending = pending.slice(start);
    }
    pending += decoder.decode();
    const last = pending.trim();
    if (last) yield parseRucioJson(last);
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
