import { describe, expect, it } from "vitest";
import { summarizeHoldings } from "./holdings";

const row = (instance: string, datatype: string | null, datasets: number, bytes = datasets * 100) => ({
  instance,
  datatype,
  datasets,
  bytes,
});

describe("what the catalog holds", () => {
  it("totals each instance and lists its data types, most datasets first", () => {
    expect(
      summarizeHoldings([row("default", "NTUP", 8), row("cms", "MINIAOD", 3), row("default", "DAOD_PHYS", 28)]),
    ).toEqual([
      { instance: "cms", datasets: 3, bytes: 300, byDatatype: [{ datatype: "MINIAOD", datasets: 3, bytes: 300 }] },
      {
        instance: "default",
        datasets: 36,
        bytes: 3_600,
        byDatatype: [
          { datatype: "DAOD_PHYS", datasets: 28, bytes: 2_800 },
          { datatype: "NTUP", datasets: 8, bytes: 800 },
        ],
      },
    ]);
  });

  it("sums the data types past the ones shown as other, and names a missing one", () => {
    const [holdings] = summarizeHoldings(
      [row("x", "A", 5), row("x", null, 4), row("x", "C", 3), row("x", "B", 3), row("x", "D", 1)],
      2,
    );
    expect(holdings!.byDatatype).toEqual([
      { datatype: "A", datasets: 5, bytes: 500 },
      { datatype: "none", datasets: 4, bytes: 400 },
      { datatype: "other", datasets: 7, bytes: 700 },
    ]);
    expect(holdings!.datasets).toBe(16);
  });

  it("is empty for an empty catalog", () => {
    expect(summarizeHoldings([])).toEqual([]);
  });
});
