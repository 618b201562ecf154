import { describe, expect, it } from "vitest";
import { formatByteRange, formatBytes, formatCount, formatDate, formatDay } from "./format";

describe("display formats", () => {
  it("prints sizes in decimal units with three significant digits", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(79772)).toBe("79.8 kB");
    expect(formatBytes(1_155_913)).toBe("1.16 MB");
    expect(formatBytes(250e12)).toBe("250 TB");
    expect(formatBytes(null)).toBe("—");
  });

  it("says a size range's unit once when both ends share it", () => {
    expect(formatByteRange(5_000, 10_000)).toBe("5.00–10.0 kB");
    expect(formatByteRange(500, 1_000)).toBe("500 B–1.00 kB");
    expect(formatByteRange(0, 1)).toBe("0–1 B");
  });

  it("marks estimated counts", () => {
    expect(formatCount(72000, true)).toBe("~72,000");
    expect(formatCount(1234)).toBe("1,234");
    expect(formatCount(null)).toBe("—");
  });

  it("prints dates in UTC", () => {
    expect(formatDate("2026-11-24T21:11:24.000Z")).toBe("2026-11-24 21:11 UTC");
    expect(formatDay("2026-11-24T23:59:59.000Z")).toBe("2026-11-24");
    expect(formatDate("not a date")).toBe("—");
  });
});
