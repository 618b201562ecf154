import { describe, expect, it } from "vitest";
import { estimateAvailability, SESSION_DESTINATION, type FinishedStaging } from "./estimate";
import { fitDurationModel } from "./model-fit";

const rule = (bytes: number, seconds: number, sources: string[] | null = ["REMOTE-POSIX"]): FinishedStaging => ({
  mode: "RULE",
  destination: "SWAN-MOUNT",
  sources,
  bytes,
  seconds,
});
const query = { mode: "RULE" as const, destination: "SWAN-MOUNT", sources: ["REMOTE-POSIX"], bytes: 50_000 };

describe("fitting latency and rate", () => {
  it("recovers latency + bytes/rate from exact observations", () => {
    const model = fitDurationModel([1_000, 20_000, 80_000].map((bytes) => ({ bytes, seconds: 10 + bytes / 1_000 })));
    expect(model.latencySeconds).toBeCloseTo(10, 6);
    expect(model.secondsPerByte).toBeCloseTo(1 / 1_000, 9);
  });

  it("takes the median as latency when sizes are too alike to tell a rate", () => {
    expect(fitDurationModel([1_000, 1_100, 1_200].map((bytes, i) => ({ bytes, seconds: [8, 30, 12][i]! })))).toEqual({
      latencySeconds: 12,
      secondsPerByte: 0,
    });
  });

  it("claims no rate when larger stagings were not slower", () => {
    const model = fitDurationModel([
      { bytes: 1_000, seconds: 20 },
      { bytes: 100_000, seconds: 10 },
      { bytes: 50_000, seconds: 14 },
    ]);
    expect(model).toEqual({ latencySeconds: 14, secondsPerByte: 0 });
  });

  it("refits through the origin instead of claiming a negative latency", () => {
    const model = fitDurationModel([
      { bytes: 1_000, seconds: 0 },
      { bytes: 2_000, seconds: 0 },
      { bytes: 100_000, seconds: 100 },
    ]);
    expect(model.latencySeconds).toBe(0);
    expect(model.secondsPerByte).toBeGreaterThan(0);
  });
});

describe("estimating the time until available", () => {
  it("says nothing without history on the route", () => {
    expect(estimateAvailability([], query)).toBeNull();
    const elsewhere = [
      { ...rule(1_000, 10), destination: "OTHER-RSE" },
      { ...rule(1_000, 10), mode: "DOWNLOAD" as const, destination: SESSION_DESTINATION },
    ];
    expect(estimateAvailability(elsewhere, query)).toBeNull();
  });

  it("is sure when five stagings from the same source fit the model closely", () => {
    const history = [1_000, 10_000, 20_000, 40_000, 80_000].map((bytes) => rule(bytes, 10 + bytes / 1_000));
    expect(estimateAvailability(history, query)).toEqual({
      seconds: 60,
      confidence: "HIGH",
      samples: 5,
      source: "REMOTE-POSIX",
      latencySeconds: 10,
      bytesPerSecond: 1_000,
      typicalError: 0,
    });
  });

  it("reads the history of the source that holds the data, not of another one", () => {
    const history = [...[1, 2, 3].map(() => rule(1_000, 100, ["SLOW-SITE"])), rule(1_000, 10), rule(1_000, 12)];
    const estimate = estimateAvailability(history, { ...query, bytes: 1_000 });
    expect(estimate).toMatchObject({ source: "REMOTE-POSIX", samples: 2, seconds: 11, confidence: "LOW" });
  });

  it("pools every source when none from here has finished, and is then at most medium", () => {
    const history = [1, 2, 3, 4, 5, 6].map(() => rule(1_000, 20, ["SLOW-SITE"]));
    const estimate = estimateAvailability(history, { ...query, bytes: 1_000 });
    expect(estimate).toMatchObject({ source: null, samples: 6, seconds: 20, confidence: "MEDIUM" });
  });

  it("is unsure when the history is scattered", () => {
    const history = [5, 40, 9, 80, 15].map((seconds) => rule(1_000, seconds));
    expect(estimateAvailability(history, { ...query, bytes: 1_000 })?.confidence).toBe("LOW");
  });

  it("is unsure far beyond the sizes seen when no rate could be fitted", () => {
    const history = [1, 2, 3, 4, 5].map(() => rule(1_000, 10));
    expect(estimateAvailability(history, { ...query, bytes: 1_000 })?.confidence).toBe("HIGH");
    expect(estimateAvailability(history, { ...query, bytes: 10_000 })?.confidence).toBe("LOW");
  });

  it("counts requests made before the planner (no recorded source) only in the pooled history", () => {
    const history = [rule(1_000, 10, null), rule(1_000, 30, null)];
    expect(estimateAvailability(history, { ...query, bytes: 1_000 })).toMatchObject({ source: null, seconds: 20 });
  });
});
