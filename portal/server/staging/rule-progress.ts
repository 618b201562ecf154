import "server-only";
import type { StagingRequest } from "@/server/db/client";
import type { StagingState } from "@/lib/db/values";
import { getRule, listDidRules, listRuleLocks, RucioNotFoundError, serviceCaller, type Rule } from "@/server/rucio";
import { progressOfLocks } from "@/lib/staging/progress";
import { stagingStateOfRule } from "./states";

/** Where a rule stands, as the request should record it. */
export interface RuleProgress {
  state: StagingState;
  ruleId: string | null;
  ruleState?: string;
  filesDone: number;
  filesTotal: number | null;
  bytesDone: bigint;
  bytesTotal: bigint | null;
  error: string | null;
}

function sumOfSizes(sizes: ReadonlyMap<string, number | null>): bigint | null {
  let total = 0n;
  for (const size of sizes.values()) {
    if (size === null) return null;
    total += BigInt(size);
  }
  return total;
}

function ruleError(rule: Rule): string | null {
  if (rule.state === "STUCK") return rule.error ?? "Rucio reports the rule as STUCK and keeps retrying";
  if (rule.state === "SUSPENDED") return `Rucio suspended the rule${rule.error ? `: ${rule.error}` : ""}`;
  if (rule.state === "WAITING_APPROVAL") return "The rule waits for approval in Rucio";
  return null;
}

/**
 * Reads the rule and, only when its counters moved, its locks: files from the lock states, bytes from
 * the sizes of the files whose lock is OK. A rule Rucio no longer has fails the request.
 */
export async function readRuleProgress(
  request: StagingRequest,
  ruleId: string,
  fileSizes: () => Promise<ReadonlyMap<string, number | null>>,
): Promise<RuleProgress> {
  const service = serviceCaller(request.instance);
  let rule: Rule;
  try {
    rule = await getRule(service, ruleId);
  } catch (error) {
    if (!(error instanceof RucioNotFoundError)) throw error;
    return {
      state: "FAILED",
      ruleId,
      filesDone: request.filesDone,
      filesTotal: request.filesTotal,
      bytesDone: request.bytesDone,
      bytesTotal: request.bytesTotal,
      error: `Rucio no longer has rule ${ruleId} (deleted or expired)`,
    };
  }
  const state = stagingStateOfRule(rule.state);
  const lockCount = rule.locks_ok_cnt + rule.locks_replicating_cnt + rule.locks_stuck_cnt;
  const filesTotal = lockCount > 0 ? lockCount : request.filesTotal;
  const sizes = await fileSizes();
  const bytesTotal = sumOfSizes(sizes) ?? request.bytesTotal;
  const base = { state, ruleId, ruleState: rule.state, filesTotal, bytesTotal, error: ruleError(rule) };
  if (state === "OK") return { ...base, filesDone: rule.locks_ok_cnt, bytesDone: bytesTotal ?? request.bytesDone };
  if (rule.locks_ok_cnt === request.filesDone && request.ruleId === ruleId) {
    return { ...base, filesDone: request.filesDone, bytesDone: request.bytesDone };
  }
  const locks = [];
  for await (const lock of listRuleLocks(service, ruleId)) locks.push(lock);
  const progress = progressOfLocks(locks, sizes);
  return { ...base, filesDone: progress.filesOk, bytesDone: BigInt(progress.bytesOk) };
}

/**
 * For a request left without a rule id (the portal stopped, or Rucio timed out, while creating it):
 * the account's rule for the DID on the destination, if Rucio has one.
 */
export async function findOwnRuleForOrphan(request: StagingRequest): Promise<string | undefined> {
  for await (const rule of listDidRules(serviceCaller(request.instance), request.scope, request.name)) {
    if (rule.account === request.account && rule.rse_expression === request.destination && rule.copies === 1)
      return rule.id;
  }
  return undefined;
}
