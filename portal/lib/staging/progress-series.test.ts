import { describe, expect, it } from "vitest";
import { progressSeries } from "./progress-series";

const staging = {
  createdAt: "2026-12-05T10:00:00.000Z",
  updatedAt: "2026-12-05T10:01:00.000Z",
  finishedAt: null,
  filesDone: 2,
  bytesDone: 2_000,
};
const point = (at: string, filesDone: number, bytesDone: number) => ({
  at: `2026-12-05T${at}.000Z`,
  filesDone,
  bytesDone,
});

describe("a staging's progress over time", () => {
  it("starts at nothing when requested and ends where the request stands now", () => {
    expect(progressSeries(staging, [point("10:00:30", 1, 1_000)])).toEqual([
      { at: staging.createdAt, seconds: 0, filesDone: 0, bytesDone: 0 },
      { at: "2026-12-05T10:00:30.000Z", seconds: 30, filesDone: 1, bytesDone: 1_000 },
      { at: staging.updatedAt, seconds: 60, filesDone: 2, bytesDone: 2_000 },
    ]);
  });

  it("ends when the request finished, not at its last update", () => {
    const finished = { ...staging, finishedAt: "2026-12-05T10:00:45.000Z", updatedAt: "2026-12-05T11:00:00.000Z" };
    expect(progressSeries(finished, []).map((p) => [p.seconds, p.bytesDone])).toEqual([
      [0, 0],
      [45, 2_000],
    ]);
  });

  it("ends at the last recorded point when it is as recent as the request's end", () => {
    const finished = { ...staging, finishedAt: "2026-12-05T10:00:40.000Z" };
    expect(progressSeries(finished, [point("10:00:40", 2, 2_000)]).map((p) => [p.seconds, p.bytesDone])).toEqual([
      [0, 0],
      [40, 2_000],
    ]);
    // The request row is written a moment before its event.
    expect(
      progressSeries(finished, [
        point("10:00:20", 1, 1_000),
        { at: "2026-12-05T10:00:40.005Z", filesDone: 2, bytesDone: 2_000 },
      ]).map((p) => [p.seconds, p.bytesDone]),
    ).toEqual([
      [0, 0],
      [20, 1_000],
      [40.005, 2_000],
    ]);
  });

  it("orders points, keeps the last of one instant and drops repeats inside the line", () => {
    const series = progressSeries(staging, [
      point("10:00:40", 2, 2_000),
      point("10:00:20", 1, 1_000),
      point("10:00:20", 1, 1_500),
      point("10:00:30", 1, 1_500),
    ]);
    expect(series.map((p) => [p.seconds, p.bytesDone])).toEqual([
      [0, 0],
      [20, 1_500],
      [40, 2_000],
      [60, 2_000],
    ]);
  });

  it("puts a point before the request (a clock step) at its start", () => {
    expect(progressSeries(staging, [point("09:59:00", 1, 1_000)]).map((p) => [p.seconds, p.bytesDone])).toEqual([
      [0, 1_000],
      [60, 2_000],
    ]);
  });
});
