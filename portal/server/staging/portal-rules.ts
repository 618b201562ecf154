import "server-only";
import { db } from "@/server/db/client";
import { deleteRule, getRule, RucioError, RucioNotFoundError, serviceCaller } from "@/server/rucio";
import { refusalOf } from "./rucio-refusals";

/**
 * The portal's service identity may delete or extend any rule of any account. It does so only for the
 * rules recorded here: those the portal created itself, for the portal user who asked. A rule it merely
 * reused or adopted, or made for another portal user sharing the Rucio account, is left alone.
 */

/** Rucio's soft delete: a deleted rule ends within the hour (plus slack for clocks and the request's own time). */
const SOFT_DELETE_WINDOW_MS = 3600_000 + 5 * 60_000;

export interface RuleOfRequest {
  /** The request that lets go of the rule; it does not count as one still using it. */
  requestId: string;
  userId: string;
  instance: string;
  ruleId: string;
}

/** Records that Rucio created this rule on the portal's request for this user. */
export async function recordCreatedRule(rule: RuleOfRequest): Promise<void> {
  const key = { instance_ruleId: { instance: rule.instance, ruleId: rule.ruleId } };
  await db.portalRule.upsert({
    where: key,
    create: { instance: rule.instance, ruleId: rule.ruleId, userId: rule.userId, createdByRequestId: rule.requestId },
    update: {},
  });
}

export function findPortalRule(instance: string, ruleId: string) {
  return db.portalRule.findUnique({ where: { instance_ruleId: { instance, ruleId } } });
}

/** The rule is live again after the portal gave it its lifetime back. */
export async function recordBroughtBack(instance: string, ruleId: string): Promise<void> {
  await db.portalRule.updateMany({ where: { instance, ruleId }, data: { deletedByPortalAt: null } });
}

function otherLiveRequests(rule: RuleOfRequest): Promise<number> {
  return db.stagingRequest.count({
    where: {
      instance: rule.instance,
      ruleId: rule.ruleId,
      id: { not: rule.requestId },
      state: { notIn: ["CANCELLED", "FAILED"] },
    },
  });
}

const detached = (ruleId: string, why: string) =>
  `Cancelled: this request no longer follows rule ${ruleId}, which stays in Rucio untouched: ${why}`;

/**
 * A request lets go of its rule (the user cancelled it). The portal deletes the rule only when it created
 * it for this same user and no other live request, of anyone, still uses it; otherwise the request is
 * merely detached. Returns what happened, in words for the request's history. Rucio's refusals throw
 * StagingError; the rule is not recorded as deleted unless Rucio deleted it.
 */
export async function releaseRule(rule: RuleOfRequest): Promise<string> {
  const record = await findPortalRule(rule.instance, rule.ruleId);
  if (!record)
    return detached(
      rule.ruleId,
      "the portal did not create it (it was already in your Rucio account), so it only deletes rules it made itself",
    );
  if (record.userId !== rule.userId) {
    return detached(rule.ruleId, "the portal created it for another portal user who shares your Rucio account");
  }
  const others = await otherLiveRequests(rule);
  if (others > 0) {
    return detached(
      rule.ruleId,
      `${others} other staging request${others === 1 ? "" : "s"} still use${others === 1 ? "s" : ""} it`,
    );
  }
  const service = serviceCaller(rule.instance);
  try {
    const current = await getRule(service, rule.ruleId);
    // Already deleted by someone else (or at its end): deleting it again would let the portal later
    // "bring back" a rule an administrator removed.
    if (current.expires_at && current.expires_at.getTime() <= Date.now() + SOFT_DELETE_WINDOW_MS) {
      return (
        `Cancelled: rule ${rule.ruleId} already ends at ${current.expires_at.toISOString()} ` +
        "(deleted in Rucio by someone else, or its lifetime running out); the portal left it as it is"
      );
    }
    await deleteRule(service, rule.ruleId);
  } catch (error) {
    if (error instanceof RucioNotFoundError) return `Cancelled: rule ${rule.ruleId} was already gone from Rucio`;
    if (error instanceof RucioError) throw refusalOf(error, `Rucio did not delete rule ${rule.ruleId}`);
    throw error;
  }
  await db.portalRule.update({
    where: { instance_ruleId: { instance: rule.instance, ruleId: rule.ruleId } },
    data: { deletedByPortalAt: new Date() },
  });
  return `Cancelled: the portal deleted rule ${rule.ruleId}, which it had created for you (Rucio removes it within the hour)`;
}
