import type { PlanQuota } from "@/lib/api-responses";
import type { RseQuota } from "@/server/rucio";

/**
 * The quota on one destination RSE against what a new rule needs. Rucio counts a lock per file of the
 * DID (a replica already there is counted too) and accepts a rule only while what remains is larger
 * than that (core/rse_selector.py), so `enough` is remaining > needed.
 */
export function judgeQuota(quota: RseQuota, neededBytes: number): PlanQuota {
  const unlimited = quota.limitBytes === Infinity;
  const enough =
    quota.limitBytes === null ? null : unlimited ? true : (quota.remainingBytes ?? 0) > Math.max(neededBytes, 0);
  return {
    rse: quota.rse,
    account: quota.account,
    limitBytes: unlimited ? null : quota.limitBytes,
    unlimited,
    usedBytes: quota.usedBytes,
    remainingBytes: unlimited ? null : quota.remainingBytes,
    neededBytes,
    enough,
  };
}

const bytes = (value: number | null) => `${(value ?? 0).toLocaleString("en-US")} bytes`;

/**
 * The refusal for a request no destination RSE has room for, with Rucio's numbers; null when one has
 * room, or when Rucio must decide (no limit set, which admins pass).
 */
export function quotaRefusal(did: string, quotas: PlanQuota[]): string | null {
  if (quotas.length === 0 || quotas.some((quota) => quota.enough !== false)) return null;
  const figures = quotas
    .map(
      (quota) =>
        `on ${quota.rse} account ${quota.account} has a limit of ${bytes(quota.limitBytes)}, ` +
        `uses ${bytes(quota.usedBytes)} and has ${bytes(quota.remainingBytes)} left`,
    )
    .join("; ");
  return (
    `Over your Rucio quota: staging ${did} needs ${bytes(quotas[0]!.neededBytes)}, but ${figures} (Rucio's figures). ` +
    "No rule was made. Release rules you no longer need on that RSE, or ask for a larger quota."
  );
}
