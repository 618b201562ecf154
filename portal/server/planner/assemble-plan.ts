import type { PlanReplica, ReplicaSummary, StagingEstimate, StagingPlan } from "@/lib/api-responses";
import type { StagingMode } from "@/lib/db/values";
import { formatDuration } from "@/lib/staging/progress";
import type { RseQuota } from "@/server/rucio";
import { estimateAvailability, SESSION_DESTINATION, type FinishedStaging } from "./estimate";
import { judgeQuota, quotaRefusal } from "./quota";

export interface PlanRequest {
  instance: string;
  scope: string;
  name: string;
  mode: StagingMode;
  /** RSE expression (rule mode) or session folder (download mode). */
  destination: string;
}

/** What Rucio and the portal's history answered for one plan (recorded in *.fixture.ts for the tests). */
export interface PlanAnswers {
  did: { bytes: number | null; files: number | null };
  replicas: ReplicaSummary;
  /** Rule mode: the RSEs the destination expression selects. */
  destinationRses: string[];
  /** Rule mode: the account's quota on each destination RSE, or why it could not be read. */
  quotas: RseQuota[] | { error: string };
  /** Rule mode: the account's own rule for this DID on the destination, which a staging reuses. */
  existingRuleId: string | null;
  history: FinishedStaging[];
  /** Download mode: the user's finished download of this DID into this folder. */
  download: { finishedAt: Date } | null;
}

function replicasOf(summary: ReplicaSummary, files: number | null): PlanReplica[] {
  return summary.rses
    .map((entry) => {
      const availableFiles = entry.filesByState.AVAILABLE ?? 0;
      return {
        rse: entry.rse,
        availableFiles,
        availableBytes: entry.availableBytes,
        complete: summary.complete && files !== null && files > 0 && availableFiles >= files,
      };
    })
    .filter((replica) => replica.availableFiles > 0)
    .sort((a, b) => Number(b.complete) - Number(a.complete) || a.rse.localeCompare(b.rse));
}

function estimateNote(estimate: StagingEstimate | null, mode: StagingMode, destination: string): string {
  const rule = mode === "RULE";
  if (!estimate) {
    const route = rule ? `rule to ${destination}` : "download into a session";
    return `No history yet: no ${route} has finished through this portal, so there is no estimate.`;
  }
  const plural = estimate.samples === 1 ? "" : "s";
  const route = rule ? `rule${plural} to ${destination}` : `download${plural} into a session`;
  const from = estimate.source ? `from ${estimate.source}` : "from any source (none yet from where this data is)";
  const rate = estimate.bytesPerSecond ? `, then ${estimate.bytesPerSecond.toLocaleString("en-US")} bytes/s` : "";
  return (
    `From ${estimate.samples} finished ${route} ${from}: ${formatDuration(estimate.latencySeconds)} to start${rate}; ` +
    `typically off by ${Math.round(estimate.typicalError * 100)} %.`
  );
}

/** The plan from the answers: where the data is, whether it is there already, the quota, the estimate. */
export function assemblePlan(request: PlanRequest, answers: PlanAnswers): StagingPlan {
  const { did } = answers;
  const files = answers.replicas.complete ? answers.replicas.files : did.files;
  const replicas = replicasOf(answers.replicas, files);
  const rule = request.mode === "RULE";
  const atDestination = replicas.filter((replica) => answers.destinationRses.includes(replica.rse));
  const completeThere = atDestination.find((replica) => replica.complete);
  const mostThere = completeThere ?? [...atDestination].sort((a, b) => b.availableFiles - a.availableFiles)[0];
  const available = rule
    ? completeThere
      ? { how: "replica" as const, where: completeThere.rse, since: null }
      : null
    : answers.download
      ? { how: "download" as const, where: request.destination, since: answers.download.finishedAt.toISOString() }
      : null;
  const bytesMissing =
    did.bytes === null
      ? null
      : available
        ? 0
        : Math.max(0, did.bytes - Math.max(0, ...(rule ? atDestination.map((replica) => replica.availableBytes) : [])));
  const neededBytes = answers.existingRuleId ? 0 : (did.bytes ?? 0);
  const quotas = rule && !("error" in answers.quotas) ? answers.quotas.map((q) => judgeQuota(q, neededBytes)) : [];
  const quotaNote = !rule
    ? "A download goes to your session's disk: no Rucio quota applies."
    : "error" in answers.quotas
      ? `Rucio did not give your quota: ${answers.quotas.error}`
      : answers.existingRuleId
        ? `Your rule ${answers.existingRuleId} already holds this data on ${request.destination}: staging reuses it and needs no more quota.`
        : null;
  const sources = replicas
    .filter((replica) => replica.complete && !answers.destinationRses.includes(replica.rse))
    .map((replica) => replica.rse);
  const estimateDestination = rule ? request.destination : SESSION_DESTINATION;
  const estimate = estimateAvailability(answers.history, {
    mode: request.mode,
    destination: estimateDestination,
    sources,
    bytes: bytesMissing ?? 0,
  });
  return {
    ...request,
    files,
    bytes: did.bytes,
    replicas,
    replicasExact: answers.replicas.complete,
    available,
    atDestination: mostThere
      ? { rse: mostThere.rse, files: mostThere.availableFiles, bytes: mostThere.availableBytes }
      : null,
    bytesMissing,
    quotas,
    quotaNote,
    refusal: rule ? quotaRefusal(`${request.scope}:${request.name}`, quotas) : null,
    estimate,
    estimateNote: estimateNote(estimate, request.mode, request.destination),
  };
}
