import { describe, expect, it } from "vitest";
import { binSizes, niceWidth } from "./size-bins";

const counts = (sizes: number[]) => binSizes(sizes).bins.map((bin) => [bin.from, bin.to, bin.count]);

describe("file-size bins", () => {
  it("rounds a width up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceWidth(0.3)).toBe(1);
    expect(niceWidth(3_800)).toBe(5_000);
    expect(niceWidth(2_100)).toBe(2_500);
    expect(niceWidth(20_000)).toBe(20_000);
    expect(niceWidth(51)).toBe(100);
  });

  it("puts sizes of one order of magnitude into equal bins on round edges, empty bins kept", () => {
    const { scale, bins } = binSizes([2_000, 2_400, 9_999, 10_000, 39_000]);
    expect(scale).toBe("linear");
    expect(bins.map((bin) => bin.from)).toEqual([0, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000]);
    expect(bins.at(-1)).toEqual({ from: 35_000, to: 40_000, count: 1 });
    expect(bins.map((bin) => bin.count)).toEqual([2, 1, 1, 0, 0, 0, 0, 1]);
  });

  it("grows bins 1-2-5 per decade when sizes spread over more than two orders of magnitude", () => {
    expect(binSizes([1_500, 2_000, 700_000, 3_000_000_000]).scale).toBe("log");
    expect(counts([1_500, 2_000, 4_999, 700_000]).slice(0, 3)).toEqual([
      [1_000, 2_000, 1],
      [2_000, 5_000, 2],
      [5_000, 10_000, 0],
    ]);
    expect(counts([1_500, 700_000]).at(-1)).toEqual([500_000, 1_000_000, 1]);
  });

  it("gives empty files the bin below the smallest file on the log scale", () => {
    expect(counts([0, 0, 150, 90_000]).slice(0, 2)).toEqual([
      [0, 100, 2],
      [100, 200, 1],
    ]);
  });

  it("counts every size exactly once, at the edges too", () => {
    const sizes = [0, 1, 10, 99, 100, 101, 5_000, 5_001, 1e9, 1e12];
    const { bins } = binSizes(sizes);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(sizes.length);
    for (const size of sizes) expect(bins.filter((bin) => bin.from <= size && size < bin.to)).toHaveLength(1);
  });

  it("has one bin for identical sizes and none for no files", () => {
    expect(counts([4_096, 4_096])).toEqual([[4_096, 4_097, 2]]);
    expect(counts([0, 0])).toEqual([[0, 1, 2]]);
    expect(binSizes([]).bins).toEqual([]);
  });
});
