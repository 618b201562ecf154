import { describe, expect, it } from "vitest";
import { STAGING_STATES } from "@/lib/db/values";
import { canTransition, isCancellable, isUnfinished, stagingStateOfRule } from "./states";

describe("staging state machine", () => {
  it("moves forward only", () => {
    expect(canTransition("QUEUED", "REPLICATING")).toBe(true);
    expect(canTransition("REPLICATING", "OK")).toBe(true);
    expect(canTransition("STUCK", "REPLICATING")).toBe(true);
    expect(canTransition("DOWNLOADING", "REPLICATING")).toBe(false);
    expect(canTransition("OK", "REPLICATING")).toBe(false);
    expect(canTransition("OK", "CANCELLED")).toBe(true);
    for (const to of STAGING_STATES) {
      expect(canTransition("FAILED", to)).toBe(false);
      expect(canTransition("CANCELLED", to)).toBe(false);
    }
  });

  it("knows what is unfinished and what can be cancelled", () => {
    expect(STAGING_STATES.filter(isUnfinished)).toEqual(["QUEUED", "REPLICATING", "DOWNLOADING", "STUCK"]);
    expect(isCancellable("OK", "RULE", "abc")).toBe(true);
    expect(isCancellable("OK", "DOWNLOAD", null)).toBe(false);
    expect(isCancellable("FAILED", "RULE", "abc")).toBe(false);
    expect(isCancellable("QUEUED", "RULE", null)).toBe(true);
  });

  it("maps Rucio rule states", () => {
    expect(stagingStateOfRule("OK")).toBe("OK");
    expect(stagingStateOfRule("STUCK")).toBe("STUCK");
    expect(stagingStateOfRule("SUSPENDED")).toBe("STUCK");
    for (const state of ["REPLICATING", "INJECT", "WAITING_APPROVAL"])
      expect(stagingStateOfRule(state)).toBe("REPLICATING");
  });
});
