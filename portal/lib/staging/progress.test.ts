import { describe, expect, it } from "vitest";
import { formatDuration, nextPollDelayMs, percentDone, progressOfLocks, secondsLeft } from "./progress";

describe("progress arithmetic", () => {
  it("percent: whole numbers, 100 only when complete, null when the total is unknown", () => {
    expect(percentDone(0, 4)).toBe(0);
    expect(percentDone(1, 3)).toBe(33);
    expect(percentDone(999, 1000)).toBe(99);
    expect(percentDone(1000, 1000)).toBe(100);
    expect(percentDone(0, 0)).toBe(100);
    expect(percentDone(5, null)).toBeNull();
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
