import "server-only";
import type { StagingPlan } from "@/lib/api-responses";
import { formatDuration } from "@/lib/staging/progress";
import type { PlannedData } from "./history";

/** A plan as a request records it: the estimate's columns and a PLANNED event the estimator reads back. */
export interface PlannedRecord {
  estimatedSeconds: number | null;
  estimateConfidence: string | null;
  event: { kind: "PLANNED"; message: string; data: PlannedData | { error: string } };
}

export function plannedRecord(outcome: { plan: StagingPlan } | { error: string }): PlannedRecord {
  if ("error" in outcome) {
    return {
      estimatedSeconds: null,
      estimateConfidence: null,
      event: { kind: "PLANNED", message: `No plan: ${outcome.error}`, data: { error: outcome.error } },
    };
  }
  const { plan } = outcome;
  const estimate = plan.estimate;
  const sources = plan.replicas.filter((replica) => replica.complete).map((replica) => replica.rse);
  const message = estimate
    ? `Estimated ${formatDuration(estimate.seconds)} until available (${estimate.confidence.toLowerCase()} confidence, ${estimate.samples} finished staging${estimate.samples === 1 ? "" : "s"})`
    : "No estimate: no finished staging on this route yet";
  return {
    estimatedSeconds: estimate?.seconds ?? null,
    estimateConfidence: estimate?.confidence ?? null,
    event: {
      kind: "PLANNED",
      message,
      data: {
        sources,
        bytesMissing: plan.bytesMissing,
        estimatedSeconds: estimate?.seconds ?? null,
        estimateConfidence: estimate?.confidence ?? null,
      },
    },
  };
}
