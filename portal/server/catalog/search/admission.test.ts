import { describe, expect, it } from "vitest";
import { Admission, CatalogBusyError, SearchAbandonedError } from "./admission";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("search admission", () => {
  it("runs at most `concurrency` at once and admits the rest in arrival order", async () => {
    const admission = new Admission(2, 10);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      admission.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await nextTurn();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await runs[1];
    await nextTurn();
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((gate) => gate.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it("starts a search in a later event-loop turn, never in the caller's", async () => {
    const admission = new Admission(2, 10);
    let started = false;
    const run = admission.run(async () => void (started = true));
    await Promise.resolve();
    expect(started).toBe(false);
    await run;
    expect(started).toBe(true);
  });

  it("lets the event loop run between one search and the next", async () => {
    const admission = new Admission(1, 10);
    const seen: string[] = [];
    const first = admission.run(async () => {
      setImmediate(() => seen.push("i/o")); // runs in the same loop pass as I/O callbacks
      seen.push("first");
    });
    const second = admission.run(async () => void seen.push("second"));
    await Promise.all([first, second]);
    expect(seen).toEqual(["first", "i/o", "second"]);
  });

  it("drops a waiting search whose client went away", async () => {
    const admission = new Admission(1, 10);
    const gate = deferred();
    const first = admission.run(() => gate.promise);
    const client = new AbortController();
    let ran = false;
    const abandoned = admission.run(async () => void (ran = true), client.signal);
    client.abort();
    gate.resolve();
    await first;
    await expect(abandoned).rejects.toBeInstanceOf(SearchAbandonedError);
    expect(ran).toBe(false);
    expect(await admission.run(async () => "after")).toBe("after");
  });

  it("refuses with CatalogBusyError when the queue is full, and frees the slot of a failed search", async () => {
    const admission = new Admission(1, 1);
    const gate = deferred();
    const first = admission.run(() => gate.promise);
    await nextTurn();
    const second = admission.run(async () => "second");
    await expect(admission.run(async () => "third")).rejects.toBeInstanceOf(CatalogBusyError);
    gate.resolve();
    await first;
    expect(await second).toBe("second");
    await expect(
      admission.run(async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await admission.run(async () => "after")).toBe("after");
  });
});
