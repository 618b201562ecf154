import type { EstimateConfidence, PlanQuota, StagingPlan, StagingView } from "@/lib/api-responses";
import { formatDuration } from "./progress";

// The sentences the Stage dialog, the dataset page and the history show for a plan and an estimate.

type FormatBytes = (bytes: number | null) => string;

const CONFIDENCE_WORDS: Record<EstimateConfidence, string> = { LOW: "low", MEDIUM: "medium", HIGH: "high" };

export function confidenceWords(confidence: EstimateConfidence): string {
  return `${CONFIDENCE_WORDS[confidence]} confidence`;
}

/** "Already available on SWAN-MOUNT: …", or null when the session does not have the data yet. */
export function availabilitySentence(plan: StagingPlan, formatDate: (iso: string) => string): string | null {
  if (!plan.available) return null;
  if (plan.available.how === "replica")
    return `Already available: every file is on ${plan.available.where}, which your session mounts. Staging is not needed.`;
  const when = plan.available.since ? ` on ${formatDate(plan.available.since)}` : "";
  return `Already downloaded into ${plan.available.where}${when}. Staging is not needed.`;
}

export function quotaSentence(quota: PlanQuota, formatBytes: FormatBytes): string {
  const needs = `this needs ${formatBytes(quota.neededBytes)}`;
  if (quota.unlimited) return `${quota.rse}: no limit for ${quota.account}; ${needs}.`;
  if (quota.limitBytes === null)
    return `${quota.rse}: no limit set for ${quota.account}, so Rucio accepts a rule there only from an admin; ${needs}.`;
  return (
    `${quota.rse}: ${formatBytes(quota.remainingBytes)} left of ${formatBytes(quota.limitBytes)} ` +
    `(${formatBytes(quota.usedBytes)} used); ${needs}.`
  );
}

export function estimateSentence(plan: StagingPlan): string {
  if (!plan.estimate) return "No history yet: no estimate.";
  return `About ${formatDuration(plan.estimate.seconds)} until available (${confidenceWords(plan.estimate.confidence)}).`;
}

/** "estimated 40 s (medium confidence) · took 52 s", for a request in the history; null without an estimate. */
export function estimateVersusActual(staging: StagingView): string | null {
  const estimated =
    staging.estimatedSeconds === null
      ? "no estimate (no history then)"
      : `estimated ${formatDuration(staging.estimatedSeconds)}` +
        (staging.estimateConfidence ? ` (${confidenceWords(staging.estimateConfidence)})` : "");
  if (staging.actualSeconds !== null) return `${estimated} · took ${formatDuration(staging.actualSeconds)}`;
  return staging.estimatedSeconds === null ? null : estimated;
}
