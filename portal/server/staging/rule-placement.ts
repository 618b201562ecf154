import "server-only";
import {
  addRule,
  listDidRules,
  RucioConflictError,
  RucioError,
  RucioUnavailableError,
  serviceCaller,
  setRuleLifetime,
  type DidRef,
  type RucioCaller,
  type Rule,
} from "@/server/rucio";
import type { ActingIdentity } from "./acting-identity";
import type { StagingConfig } from "./config";
import { StagingError } from "./errors";
import { findPortalRule, recordBroughtBack } from "./portal-rules";

export interface PlacedRule {
  ruleId: string;
  /** The user already had this rule; nothing new was created. */
  reused: boolean;
  /** When the reused rule was about to end (cancelled, or its lifetime running out) and was given the configured lifetime again. */
  broughtBackFrom?: Date;
}

/** A rule that ends this soon (cancelled: Rucio removes it within the hour) is brought back, or refused, rather than reused. */
const REUSE_MIN_REMAINING_MS = 2 * 3600_000;

/** The account's own rule for this DID and RSE expression: Rucio allows only one (DuplicateRule). */
export async function findOwnRule(
  identity: ActingIdentity,
  did: DidRef,
  rseExpression: string,
): Promise<Rule | undefined> {
  for await (const rule of listDidRules(identity.caller, did.scope, did.name)) {
    if (rule.account === identity.account && rule.rse_expression === rseExpression && rule.copies === 1) return rule;
  }
  return undefined;
}

function cannotBringBack(rule: Rule, endsAt: Date, reason: string): StagingError {
  return new StagingError(
    409,
    `Your rule ${rule.id} for this dataset on ${rule.rse_expression} ends at ${endsAt.toISOString()}, and Rucio refuses a ` +
      "second identical rule until it is gone (a deleted rule stays in Rucio, soft-deleted, for up to an hour). " +
      `The portal did not give it its lifetime back: ${reason}. Try again after ${endsAt.toISOString()}.`,
  );
}

/** Why the portal will not extend this ending rule for this user, or undefined when it may. */
async function whyNotBringBack(rule: Rule, identity: ActingIdentity, userId: string): Promise<string | undefined> {
  const record = await findPortalRule(identity.caller.instance, rule.id);
  if (!record) return "it brings back only rules it created itself, and it did not create this one";
  if (record.userId !== userId) return "the portal created it for another portal user who shares your Rucio account";
  if (!record.deletedByPortalAt) {
    return "the portal did not delete it (someone else, such as a Rucio administrator, did, or its lifetime is running out), so it leaves it alone";
  }
  return undefined;
}

/**
 * Gives an ending rule the configured lifetime again: only a rule the portal created for this same user
 * and deleted itself when the user cancelled. Rucio's generic policy lets only admins update rules, so
 * the portal does it with its service identity.
 */
async function bringBack(
  identity: ActingIdentity,
  rule: Rule,
  endsAt: Date,
  config: StagingConfig,
  userId: string,
): Promise<PlacedRule> {
  const refusal = await whyNotBringBack(rule, identity, userId);
  if (refusal) throw cannotBringBack(rule, endsAt, refusal);
  let service: RucioCaller;
  try {
    service = serviceCaller(identity.caller.instance);
  } catch (error) {
    throw cannotBringBack(rule, endsAt, error instanceof Error ? error.message : String(error));
  }
  try {
    await setRuleLifetime(service, rule.id, config.ruleLifetimeSeconds);
  } catch (error) {
    // No answer: the update may have happened; the caller records that and the tracker looks later.
    if (error instanceof RucioUnavailableError || !(error instanceof RucioError)) throw error;
    throw cannotBringBack(rule, endsAt, `Rucio refused: ${error.message}`);
  }
  await recordBroughtBack(identity.caller.instance, rule.id);
  return { ruleId: rule.id, reused: true, broughtBackFrom: endsAt };
}

async function reuse(identity: ActingIdentity, rule: Rule, config: StagingConfig, userId: string): Promise<PlacedRule> {
  const endsAt = rule.expires_at;
  if (endsAt && endsAt.getTime() < Date.now() + REUSE_MIN_REMAINING_MS)
    return bringBack(identity, rule, endsAt, config, userId);
  return { ruleId: rule.id, reused: true };
}

/**
 * Reuses the account's existing rule for the DID on the destination (bringing it back if it is ending
 * and the portal may), or creates one with the configured lifetime and grouping for the portal user
 * `userId`. Rucio's refusals propagate as RucioError.
 */
export async function placeRule(
  identity: ActingIdentity,
  did: DidRef & { open?: boolean | null },
  config: StagingConfig,
  userId: string,
): Promise<PlacedRule> {
  const existing = await findOwnRule(identity, did, config.rseExpression);
  if (existing) return reuse(identity, existing, config, userId);
  try {
    const [ruleId] = await addRule(
      identity.caller,
      {
        dids: [{ scope: did.scope, name: did.name }],
        rseExpression: config.rseExpression,
        account: identity.account,
        lifetime: config.ruleLifetimeSeconds,
        grouping: config.ruleGrouping,
        comment: "Staged from the Rucio Catalog portal",
        // What Rucio announces on its event stream: for a closed DID the rule's progress and its end
        // (RULE_PROGRESS, RULE_OK); for an open one Rucio sends those never, but RULE_OK and DATASETLOCK_OK it does.
        notify: did.open === false ? "P" : "Y",
        // Retried when Rucio does not answer (e.g. it closed a kept-alive connection as the request
        // went out): if the first one was created after all, Rucio's DuplicateRule brings us below.
      },
      { retry: true },
    );
    if (!ruleId) throw new StagingError(502, "Rucio answered without the id of the rule it created");
    return { ruleId, reused: false };
  } catch (error) {
    // A second click racing the first, or a retry after Rucio created the rule unanswered: it exists.
    if (error instanceof RucioConflictError && error.exceptionClass === "DuplicateRule") {
      const raced = await findOwnRule(identity, did, config.rseExpression);
      if (raced) return reuse(identity, raced, config, userId);
    }
    throw error;
  }
}
