import { describe, expect, it } from "vitest";
import { etaSeconds, expectedTotal, formatDuration, formatProgress, RateMeter, type ScopeProgress } from "./progress";
import { ProgressPrinter } from "./progress-printer";

/** A full run of scale_13TeV, a quarter through at 4,000 DIDs/s. */
const midRun: ScopeProgress = {
  instance: "default",
  scope: "scale_13TeV",
  mode: "full",
  attempt: 1,
  phase: "indexing",
  done: 12_000,
  resumedAt: 0,
  written: 11_500,
  deleted: 0,
  total: 50_000,
  totalExact: true,
  ratePerSecond: 4_000,
  etaSeconds: 10,
  elapsedMs: 3_000,
};
const progress = (overrides: Partial<ScopeProgress> = {}): ScopeProgress => ({ ...midRun, ...overrides });

describe("RateMeter", () => {
  it("measures over the recent window, so the rate follows the current pace", () => {
    let now = 0;
    const meter = new RateMeter(10_000, () => now);
    expect(meter.perSecond()).toBe(0);
    meter.record(0);
    for (let second = 1; second <= 20; second++) {
      now = second * 1000;
      meter.record(second <= 10 ? second * 100 : 1000 + (second - 10) * 1000);
    }
    // the first 10 s ran at 100/s, the last 10 s at 1000/s
    expect(meter.perSecond()).toBeCloseTo(1000, 0);
  });
});

describe("estimates", () => {
  it("ETA from what is left at the current rate; unknown without a total or a rate", () => {
    expect(etaSeconds(12_000, 50_000, 4_000)).toBe(10);
    expect(etaSeconds(50_000, 50_000, 4_000)).toBe(0);
    expect(etaSeconds(10, null, 4_000)).toBeNull();
    expect(etaSeconds(10, 100, 0)).toBeNull();
  });

  it("the total is the listing's count once complete, else an estimate no lower than what was listed", () => {
    expect(expectedTotal(50_000, true, 60_000)).toEqual({ total: 50_000, exact: true });
    expect(expectedTotal(9_000, false, 50_000)).toEqual({ total: 50_000, exact: false });
    expect(expectedTotal(9_000, false, null)).toEqual({ total: 9_000, exact: false });
    expect(expectedTotal(0, false, null)).toEqual({ total: null, exact: false });
  });

  it("durations read naturally", () => {
    expect(formatDuration(9)).toBe("9s");
    expect(formatDuration(125)).toBe("2m05s");
    expect(formatDuration(7260)).toBe("2h01m");
  });
});

describe("formatProgress", () => {
  it("shows items, total, rate, ETA and a bar", () => {
    expect(formatProgress(progress(), { barWidth: 10 })).toBe(
      "default/scale_13TeV full  [##--------]  12,000/50,000 DIDs  4,000/s  ETA 10s  written 11,500",
    );
  });

  it("says when a scope starts", () => {
    expect(formatProgress(progress({ done: 0, elapsedMs: 20 }))).toBe("default/scale_13TeV full: started");
    expect(formatProgress(progress({ done: 9_000, resumedAt: 9_000, attempt: 2, elapsedMs: 20 }))).toBe(
      "default/scale_13TeV full (resumed at 9,000, attempt 2): started",
    );
  });

  it("marks estimated totals, resumed runs, sweeps, the end and failures", () => {
    expect(formatProgress(progress({ totalExact: false, attempt: 2, resumedAt: 9_000 }))).toContain(
      "(resumed at 9,000, attempt 2)  12,000/~50,000 DIDs",
    );
    expect(formatProgress(progress({ phase: "sweeping" }))).toContain("removing DIDs gone from Rucio");
    expect(formatProgress(progress({ phase: "done", done: 50_000, deleted: 3, elapsedMs: 12_340 }))).toMatch(
      /deleted 3 {2}done in 12\.3s$/,
    );
    expect(formatProgress(progress({ phase: "failed", message: "Rucio unreachable" }))).toMatch(
      /FAILED: Rucio unreachable$/,
    );
    expect(formatProgress(progress({ phase: "skipped", message: "being indexed by host:1:abc" }))).toBe(
      "default/scale_13TeV full: skipped, being indexed by host:1:abc",
    );
  });
});

describe("ProgressPrinter", () => {
  const capture = (isTTY: boolean) => {
    const chunks: string[] = [];
    let now = 0;
    const printer = new ProgressPrinter(
      { write: (text: string) => chunks.push(text), isTTY, columns: 200 },
      () => now,
      5_000,
    );
    return { chunks, printer, advance: (ms: number) => (now += ms) };
  };

  it("on a terminal redraws one line in place (throttled) and ends it when the scope is done", () => {
    const { chunks, printer, advance } = capture(true);
    printer.update(progress({ done: 0 }));
    advance(50);
    printer.update(progress({ done: 1000 })); // too soon: skipped
    advance(100);
    printer.update(progress({ done: 2000 }));
    printer.update(progress({ phase: "done", done: 50_000 }));
    expect(chunks).toHaveLength(3);
    expect(chunks.every((chunk) => chunk.startsWith("\r\u001b[2K"))).toBe(true);
    expect(chunks[1]).toContain("[");
    expect(chunks[2]?.endsWith("\n")).toBe(true);
  });

  it("elsewhere prints plain lines: at the start, every few seconds, at the end", () => {
    const { chunks, printer, advance } = capture(false);
    printer.update(progress({ done: 0 }));
    advance(1_000);
    printer.update(progress({ done: 1000 }));
    advance(5_000);
    printer.update(progress({ done: 9000 }));
    printer.update(progress({ phase: "done" }));
    expect(chunks).toHaveLength(3);
    expect(chunks.join("")).not.toContain("\u001b");
    expect(chunks.every((chunk) => chunk.endsWith("\n"))).toBe(true);
  });
});
