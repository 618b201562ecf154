import { describe, expect, it } from "vitest";
import { forEachConcurrently, inBatches, serialized } from "./pipeline";
import { all } from "../../../../testing/async-iterable";

async function* numbers(count: number, onRead?: (n: number) => void): AsyncGenerator<number> {
  for (let n = 0; n < count; n++) {
    onRead?.(n);
    yield n;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("inBatches", () => {
  it("groups a stream into full batches and a shorter last one", async () => {
    expect(await all(inBatches(numbers(7), 3))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(await all(inBatches(numbers(0), 3))).toEqual([]);
  });
});

describe("forEachConcurrently", () => {
  it("processes every item once, never more than `concurrency` at a time", async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachConcurrently(numbers(50), { concurrency: 4, readAhead: 10 }, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await tick();
      seen.push(n);
      active--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(peak).toBe(4);
  });

  it("reads ahead of slow work by at most `readAhead` items, and reports reads and the end", async () => {
    let read = 0;
    let processed = 0;
    let maxAhead = 0;
    let ended = false;
    await forEachConcurrently(
      numbers(40, () => (read += 1)),
      { concurrency: 1, readAhead: 5, onSourceEnd: () => (ended = true) },
      async () => {
        maxAhead = Math.max(maxAhead, read - processed);
        await tick();
        processed++;
      },
    );
    expect(ended).toBe(true);
    expect(processed).toBe(40);
    // the item in work plus a full queue, plus the one being read
    expect(maxAhead).toBeLessThanOrEqual(5 + 2);
  });

  it("stops at the first failure, lets work in flight settle, rethrows and closes the source", async () => {
    let closed = false;
    async function* source() {
      try {
        for (let n = 0; ; n++) yield n;
      } finally {
        closed = true;
      }
    }
    const started: number[] = [];
    let settled = 0;
    const failure = forEachConcurrently(
      source(),
      { concurrency: 3, readAhead: 4, onFailure: () => undefined },
      async (n) => {
        started.push(n);
        await tick();
        settled++;
        if (n === 5) throw new Error("Rucio said no");
      },
    );
    await expect(failure).rejects.toThrow("Rucio said no");
    expect(closed).toBe(true);
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(12);
  });

  it("rethrows a failure of the source itself", async () => {
    async function* broken() {
      yield 1;
      throw new Error("stream broke off");
    }
    await expect(
      forEachConcurrently(broken(), { concurrency: 2, readAhead: 2 }, async () => {
        await tick();
      }),
    ).rejects.toThrow("stream broke off");
  });
});

describe("serialized", () => {
  it("runs tasks one at a time in call order, even after a failure", async () => {
    const run = serialized();
    const order: string[] = [];
    const slow = run(async () => {
      await tick();
      order.push("a");
    });
    const failing = run(async () => {
      order.push("b");
      throw new Error("b failed");
    });
    const last = run(async () => {
      order.push("c");
      return 3;
    });
    await slow;
    await expect(failing).rejects.toThrow("b failed");
    expect(await last).toBe(3);
    expect(order).toEqual(["a", "b", "c"]);
  });
});
