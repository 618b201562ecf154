import { describe, expect, it } from "vitest";
import { parseNdjson } from "./ndjson";

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> & { cancelled: () => boolean } {
  const encoder = new TextEncoder();
  let index = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  return Object.assign(stream, { cancelled: () => cancelled });
}

async function all(body: ReadableStream<Uint8Array> | null): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const value of parseNdjson(body)) out.push(value);
  return out;
}

const records = [
  { scope: "data18_13TeV", name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910", bytes: 123 },
  { scope: "user.jdoe", name: "ünïcødé/naïve €", bytes: null },
  "plain-name-line",
  { nested: { list: [1, 2, 3] } },
];
const text = records.map((record) => JSON.stringify(record)).join("\n") + "\n";

describe("parseNdjson", () => {
  it("yields nothing for an empty body or no body", async () => {
    expect(await all(streamOf([]))).toEqual([]);
    expect(await all(streamOf([""]))).toEqual([]);
    expect(await all(null)).toEqual([]);
  });

  it("parses whatever way the bytes are cut into chunks, including inside multi-byte characters", async () => {
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await all(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))).toEqual(records);
    }
    const singleBytes = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect(await all(streamOf(singleBytes))).toEqual(records);
  });

  it("accepts CRLF, blank lines and a last line without newline", async () => {
    expect(await all(streamOf(['{"a":1}\r\n\r\n', '\n{"a":2}\r\n{"a"', ":3}"]))).toEqual([
      { a: 1 },
      { a: 2 },
      { a: 3 },
    ]);
  });

  it("converts Rucio dates in each record", async () => {
    const [record] = (await all(streamOf(['{"created_at": "Tue, 05 Mar 2024 07:08:09 UTC"}\n']))) as {
      created_at: Date;
    }[];
    expect(record?.created_at.toISOString()).toBe("2024-03-05T07:08:09.000Z");
  });

  it("yields records before the body has ended", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sentSecond = false;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('{"n":1}\n'));
        await gate;
        sentSecond = true;
        controller.enqueue(new TextEncoder().encode('{"n":2}\n'));
        controller.close();
      },
    });
    const iterator = parseNdjson(body);
    expect((await iterator.next()).value).toEqual({ n: 1 });
    expect(sentSecond).toBe(false);
    release();
    expect((await iterator.next()).value).toEqual({ n: 2 });
    expect((await iterator.next()).done).toBe(true);
  });

  it("cancels the body when the consumer stops early", async () => {
    const body = streamOf(['{"n":1}\n{"n":2}\n', '{"n":3}\n', '{"n":4}\n']);
    for await (const value of parseNdjson(body)) {
      expect(value).toEqual({ n: 1 });
      break;
    }
    expect(body.cancelled()).toBe(true);
  });

  it("fails on a line that is not JSON", async () => {
    await expect(all(streamOf(['{"n":1}\n', "oops\n"]))).rejects.toThrow(SyntaxError);
  });
});
