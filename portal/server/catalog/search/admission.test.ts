import { describe, expect, it } from "vitest";
import { Admission, CatalogBusyError } from "./admission";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("search admission", () => {
  it("runs at most `concurrency` at once and admits the rest in arrival order", async () => {
    const admission = new Admission(2, 10);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const runs = gates.map((gate, index) => admission.run(async () => { started.push(index); await gate.promise; return index; }));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await runs[1];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((gate) => gate.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses with CatalogBusyError when the queue is full, and frees the slot of a failed search", async () => {
    const admission = new Admission(1, 1);
    const gate = deferred();
    const first = admission.run(() => gate.promise);
    const second = admission.run(async () => "second");
    await expect(admission.run(async () => "third")).rejects.toBeInstanceOf(CatalogBusyError);
    gate.resolve();
    await first;
    expect(await second).toBe("second");
    await expect(admission.run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await admission.run(async () => "after")).toBe("after");
  });
});
