import { describe, expect, it } from "vitest";
import { brushOf, hasRunRange, runBins, withoutRunRange, withRunRange } from "./run-range";

const bucket = (value: string, count: number) => ({ value, label: value, count });

describe("brushing the run histogram", () => {
  it("orders the facet's buckets by run", () => {
    expect(runBins([bucket("350000..350999", 8), bucket("348000..348999", 2), bucket("oops", 1)])).toEqual([
      { from: 348000, to: 348999, count: 2 },
      { from: 350000, to: 350999, count: 8 },
    ]);
  });

  it("adds one run range to the query, in place of the run terms it had", () => {
    expect(withRunRange("scope:data18_13TeV", 349000, 351999)).toBe("scope:data18_13TeV run:349000..351999");
    expect(withRunRange("DAOD run:348885 scope:data18_13TeV run>=1", 349000, 349999)).toBe(
      "DAOD scope:data18_13TeV run:349000..349999",
    );
    expect(withRunRange("", 351999, 349000)).toBe("run:349000..351999");
  });

  it("keeps excluded runs and the rest of a query as it is", () => {
    expect(withRunRange('"physics Main" -run:350013', 350000, 350999)).toBe(
      '"physics Main" -run:350013 run:350000..350999',
    );
  });

  it("appends the range to a query that does not parse", () => {
    expect(withRunRange('DAOD "open', 1, 2)).toBe('DAOD "open run:1..2');
  });

  it("takes the run terms out again, and says whether there are any", () => {
    expect(withoutRunRange("scope:x run:349000..351999")).toBe("scope:x");
    expect(withoutRunRange("scope:x -run:5")).toBe("scope:x -run:5");
    expect(hasRunRange("scope:x run:349000..351999")).toBe(true);
    expect(hasRunRange("scope:x -run:5")).toBe(false);
    expect(hasRunRange('"open')).toBe(false);
  });

  it("brushes from either end", () => {
    expect(brushOf(3, 1)).toEqual({ start: 1, end: 3 });
    expect(brushOf(2, 2)).toEqual({ start: 2, end: 2 });
  });
});
