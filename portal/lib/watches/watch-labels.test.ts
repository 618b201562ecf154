import { describe, expect, it } from "vitest";
import { autoStageLabel, autoStageOutcome, defaultWatchName, newMatchesLabel, watchesBadgeLabel } from "./watch-labels";

describe("the words for watched searches", () => {
  it("names a watch after its query, on one line and within the server's limit", () => {
    expect(defaultWatchName("  datatype:DAOD_PHYS\n  run>=350000 ")).toBe("datatype:DAOD_PHYS run>=350000");
    expect(defaultWatchName("")).toBe("All datasets");
    expect(defaultWatchName("x".repeat(300))).toHaveLength(100);
  });

  it("counts new matches for the watch page and the header", () => {
    expect(newMatchesLabel(0)).toBe("Nothing new since you last looked");
    expect(newMatchesLabel(3)).toBe("3 new since you last looked");
    expect(watchesBadgeLabel(0)).toBe("Watches");
    expect(watchesBadgeLabel(2)).toBe("2 new in watches");
  });

  it("says what auto-stage does and did", () => {
    expect(autoStageLabel(null)).toBe("Auto-stage is off");
    expect(autoStageLabel({ mode: "RULE", destination: null, limitPerRun: 5 })).toMatch(/at most 5 per indexing run/);
    expect(autoStageOutcome({ stagingId: "s1", autoStageNote: null })).toBe("Auto-staged");
    expect(autoStageOutcome({ stagingId: null, autoStageNote: "quota exceeded" })).toBe(
      "Not auto-staged: quota exceeded",
    );
    expect(autoStageOutcome({ stagingId: null, autoStageNote: null })).toBeNull();
  });
});
