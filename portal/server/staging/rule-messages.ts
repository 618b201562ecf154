import "server-only";
import { db } from "@/server/db/client";
import { runningTracker } from "./start";
import { UNFINISHED_STATES } from "./states";

/**
 * Rucio said these rules moved (RULE_OK, RULE_PROGRESS, DATASETLOCK_OK): their unfinished requests are
 * due now, and this process's tracker reads them at once. Idempotent: a request already due stays due.
 */
export async function wakeRequestsForRules(ruleIds: string[]): Promise<number> {
  if (ruleIds.length === 0) return 0;
  const { count } = await db.stagingRequest.updateMany({
    where: { mode: "RULE", ruleId: { in: [...new Set(ruleIds)] }, state: { in: [...UNFINISHED_STATES] } },
    data: { nextCheckAt: new Date() },
  });
  if (count > 0) runningTracker()?.pollSoon();
  return count;
}

/** While an instance's event stream is connected, the tracker polls its rules only as a fallback (TrackerConfig). */
export function trackRulesByMessages(instance: string, connected: boolean): void {
  runningTracker()?.setEventDriven(instance, connected);
}
