import type { StagingState } from "@/lib/db/values";

/**
 * The life of a staging request. Pure (no server-only): pages use it to decide what to show.
 *
 *   QUEUED ──> REPLICATING (rule mode) ──> OK
 *      │   └─> DOWNLOADING (download mode) ─┘
 *      │        STUCK <──> REPLICATING      (Rucio retries stuck rules; tracking goes on)
 *      └──────> FAILED (Rucio refused, the rule vanished, the download gave up)
 *   any unfinished state, and OK with a rule ──> CANCELLED (the user cancelled; see portal-rules.ts for the rule)
 */
const TRANSITIONS: Record<StagingState, readonly StagingState[]> = {
  QUEUED: ["REPLICATING", "DOWNLOADING", "OK", "STUCK", "FAILED", "CANCELLED"],
  REPLICATING: ["OK", "STUCK", "FAILED", "CANCELLED"],
  DOWNLOADING: ["OK", "FAILED", "CANCELLED"],
  STUCK: ["REPLICATING", "OK", "FAILED", "CANCELLED"],
  OK: ["CANCELLED"],
  FAILED: [],
  CANCELLED: [],
};

export function canTransition(from: StagingState, to: StagingState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States the tracker (or the download executor) still moves forward. */
export const UNFINISHED_STATES = [
  "QUEUED",
  "REPLICATING",
  "DOWNLOADING",
  "STUCK",
] as const satisfies readonly StagingState[];

export function isUnfinished(state: StagingState): boolean {
  return (UNFINISHED_STATES as readonly StagingState[]).includes(state);
}

/** Whether the user can still cancel: anything unfinished, and a finished rule (cancelling lets go of it). */
export function isCancellable(state: StagingState, mode: string, ruleId: string | null): boolean {
  return isUnfinished(state) || (state === "OK" && mode === "RULE" && ruleId !== null);
}

/** What a Rucio rule state means for the request (INJECT and WAITING_APPROVAL are on their way). */
export function stagingStateOfRule(ruleState: string): StagingState {
  switch (ruleState) {
    case "OK":
      return "OK";
    case "STUCK":
    case "SUSPENDED":
      return "STUCK";
    default:
      return "REPLICATING";
  }
}
