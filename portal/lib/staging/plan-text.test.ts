import { describe, expect, it } from "vitest";
import type { PlanQuota, StagingPlan, StagingView } from "@/lib/api-responses";
import { availabilitySentence, estimateSentence, estimateVersusActual, quotaSentence } from "./plan-text";

const bytes = (value: number | null) => `${value} B`;
const quota: PlanQuota = {
  rse: "SWAN-MOUNT",
  account: "alice",
  limitBytes: 1024,
  unlimited: false,
  usedBytes: 0,
  remainingBytes: 1024,
  neededBytes: 5000,
  enough: false,
};
const plan = (overrides: Partial<StagingPlan>) => ({ estimate: null, available: null, ...overrides }) as StagingPlan;
const view = (overrides: Partial<StagingView>) =>
  ({ estimatedSeconds: null, estimateConfidence: null, actualSeconds: null, ...overrides }) as StagingView;

describe("plan sentences", () => {
  it("states the quota with Rucio's figures, an unlimited one and an unset one", () => {
    expect(quotaSentence(quota, bytes)).toBe("SWAN-MOUNT: 1024 B left of 1024 B (0 B used); this needs 5000 B.");
    expect(quotaSentence({ ...quota, unlimited: true, limitBytes: null }, bytes)).toBe(
      "SWAN-MOUNT: no limit for alice; this needs 5000 B.",
    );
    expect(quotaSentence({ ...quota, limitBytes: null }, bytes)).toMatch(/no limit set for alice/);
  });

  it("says already available, and when it was downloaded", () => {
    expect(availabilitySentence(plan({}), String)).toBeNull();
    expect(
      availabilitySentence(plan({ available: { how: "replica", where: "SWAN-MOUNT", since: null } }), String),
    ).toBe("Already available: every file is on SWAN-MOUNT, which your session mounts. Staging is not needed.");
    expect(
      availabilitySentence(plan({ available: { how: "download", where: "rucio-data", since: "D" } }), String),
    ).toBe("Already downloaded into rucio-data on D. Staging is not needed.");
  });

  it("gives the estimate with its confidence, or says there is no history", () => {
    expect(estimateSentence(plan({}))).toBe("No history yet: no estimate.");
    const estimate = { seconds: 42, confidence: "MEDIUM" } as StagingPlan["estimate"];
    expect(estimateSentence(plan({ estimate }))).toBe("About 42 s until available (medium confidence).");
  });

  it("puts the estimate beside the actual time once finished", () => {
    expect(estimateVersusActual(view({}))).toBeNull();
    expect(estimateVersusActual(view({ estimatedSeconds: 30, estimateConfidence: "LOW" }))).toBe(
      "estimated 30 s (low confidence)",
    );
    expect(estimateVersusActual(view({ estimatedSeconds: 30, estimateConfidence: "HIGH", actualSeconds: 95 }))).toBe(
      "estimated 30 s (high confidence) · took 2 min",
    );
    expect(estimateVersusActual(view({ actualSeconds: 12 }))).toBe("no estimate (no history then) · took 12 s");
  });
});
