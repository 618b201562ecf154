import { describe, expect, it } from "vitest";
import { formatDuration, isProgressStep, nextPollDelayMs, percentDone, progressOfLocks, secondsLeft } from "./progress";

describe("progress arithmetic", () => {
  it("percent: whole numbers, 100 only when complete, null when the total is unknown", () => {
    expect(percentDone(0, 4)).toBe(0);
    expect(percentDone(1, 3)).toBe(33);
    expect(percentDone(999, 1000)).toBe(99);
    expect(percentDone(1000, 1000)).toBe(100);
    expect(percentDone(0, 0)).toBe(100);
    expect(percentDone(5, null)).toBeNull();
  });

  it("a point of progress over time is a new whole percent of the bytes, or of the files without a byte total", () => {
    const at = (
      bytesDone: number,
      filesDone = 0,
      bytesTotal: number | null = 1000,
      filesTotal: number | null = 10,
    ) => ({
      filesDone,
      filesTotal,
      bytesDone,
      bytesTotal,
    });
    expect(isProgressStep(at(0), at(10))).toBe(true);
    expect(isProgressStep(at(10), at(19))).toBe(false);
    expect(isProgressStep(at(19), at(20))).toBe(true);
    expect(isProgressStep(at(999), at(1000))).toBe(true);
    expect(isProgressStep(at(500, 5), at(500, 5))).toBe(false);
    expect(isProgressStep(at(0, 1, null), at(0, 2, null))).toBe(true);
    expect(isProgressStep(at(5, 0, null, null), at(6, 0, null, null))).toBe(true);
    // A report that only sets the totals moves nothing.
    expect(isProgressStep(at(0, 0, null, null), at(0, 0))).toBe(false);
  });

  it("ETA from the average rate since the start", () => {
    const start = new Date("2026-01-01T00:00:00Z");
    expect(secondsLeft(250, 1000, start, new Date("2026-01-01T00:00:10Z"))).toBe(30);
    expect(secondsLeft(0, 1000, start, new Date("2026-01-01T00:00:10Z"))).toBeNull();
    expect(secondsLeft(1000, 1000, start, new Date("2026-01-01T00:00:10Z"))).toBeNull();
    expect(secondsLeft(10, null, start, new Date("2026-01-01T00:00:10Z"))).toBeNull();
    expect(secondsLeft(10, 100, null, new Date())).toBeNull();
    expect(formatDuration(30)).toBe("30 s");
    expect(formatDuration(150)).toBe("3 min");
    expect(formatDuration(7500)).toBe("2 h 05 min");
  });

  it("files and bytes from lock states and file sizes", () => {
    const sizes = new Map<string, number | null>([
      ["s:a", 100],
      ["s:b", 250],
      ["s:c", 1000],
      ["s:d", null],
    ]);
    const progress = progressOfLocks(
      [
        { scope: "s", name: "a", state: "OK" },
        { scope: "s", name: "b", state: "OK" },
        { scope: "s", name: "c", state: "REPLICATING" },
        { scope: "s", name: "d", state: "OK" },
        { scope: "s", name: "e", state: "STUCK" },
      ],
      sizes,
    );
    expect(progress).toEqual({ filesOk: 3, filesReplicating: 1, filesStuck: 1, bytesOk: 350, unsizedOk: 1 });
  });

  it("polls back off while nothing moves and faster on failure, within the bounds", () => {
    expect(nextPollDelayMs(0, 0, 2000, 60_000)).toBe(2000);
    expect(nextPollDelayMs(1, 0, 2000, 60_000)).toBe(3000);
    expect(nextPollDelayMs(2, 0, 2000, 60_000)).toBe(4500);
    expect(nextPollDelayMs(0, 3, 2000, 60_000)).toBe(16_000);
    expect(nextPollDelayMs(50, 0, 2000, 60_000)).toBe(60_000);
    expect(nextPollDelayMs(0, 1000, 2000, 60_000)).toBe(60_000);
  });
});
