import "server-only";
import { addRule, listDidRules, RucioConflictError, type DidRef, type Rule } from "@/server/rucio";
import type { ActingIdentity } from "./acting-identity";
import type { StagingConfig } from "./config";
import { StagingError } from "./errors";

export interface PlacedRule {
  ruleId: string;
  /** The user already had this rule; nothing new was created. */
  reused: boolean;
}

/** A rule that ends this soon (cancelled: Rucio removes it within the hour) is not worth reusing. */
const REUSE_MIN_REMAINING_MS = 2 * 3600_000;

/** The account's own rule for this DID and RSE expression: Rucio allows only one (DuplicateRule). */
async function findOwnRule(identity: ActingIdentity, did: DidRef, rseExpression: string): Promise<Rule | undefined> {
  for await (const rule of listDidRules(identity.caller, did.scope, did.name)) {
    if (rule.account === identity.account && rule.rse_expression === rseExpression && rule.copies === 1) return rule;
  }
  return undefined;
}

function reuse(rule: Rule, now: number): PlacedRule {
  if (rule.expires_at && rule.expires_at.getTime() < now + REUSE_MIN_REMAINING_MS) {
    throw new StagingError(
      409,
      `Your rule ${rule.id} for this dataset on ${rule.rse_expression} ends at ${rule.expires_at.toISOString()} ` +
        "(it was cancelled or its lifetime is running out) and Rucio refuses a second identical rule; stage again once it is gone.",
    );
  }
  return { ruleId: rule.id, reused: true };
}

/**
 * Reuses the account's existing rule for the DID on the destination, or creates one with the
 * configured lifetime and grouping. Rucio's refusals propagate as RucioError.
 */
export async function placeRule(identity: ActingIdentity, did: DidRef, config: StagingConfig): Promise<PlacedRule> {
  const existing = await findOwnRule(identity, did, config.rseExpression);
  if (existing) return reuse(existing, Date.now());
  try {
    const [ruleId] = await addRule(identity.caller, {
      dids: [did],
      rseExpression: config.rseExpression,
      account: identity.account,
      lifetime: config.ruleLifetimeSeconds,
      grouping: config.ruleGrouping,
      comment: "Staged from the Rucio Catalog portal",
    });
    if (!ruleId) throw new StagingError(502, "Rucio answered without the id of the rule it created");
    return { ruleId, reused: false };
  } catch (error) {
    // A second click racing the first: the other request created the rule.
    if (error instanceof RucioConflictError && error.exceptionClass === "DuplicateRule") {
      const raced = await findOwnRule(identity, did, config.rseExpression);
      if (raced) return reuse(raced, Date.now());
    }
    throw error;
  }
}
