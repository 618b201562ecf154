"use client";
import { useQuery } from "@tanstack/react-query";
import { formatBytes, formatCount, formatDate } from "@/app/_components/format";
import { datasetApiPath } from "@/app/_components/dataset-links";
import { fetchJson } from "@/lib/api-client";
import type { StagingPlan } from "@/lib/api-responses";
import { availabilitySentence, estimateSentence, quotaSentence } from "@/lib/staging/plan-text";
import styles from "./staging.module.css";

export interface PlanTarget {
  instance: string;
  scope: string;
  name: string;
  mode: "RULE" | "DOWNLOAD";
}

/** The plan of one DID and mode, shared by the dataset page and the Stage dialog (one request for both). */
export function useStagingPlan(target: PlanTarget, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["staging-plan", target.instance, target.scope, target.name, target.mode],
    queryFn: ({ signal }) =>
      fetchJson<StagingPlan>(`${datasetApiPath(target, "/plan")}&mode=${target.mode}`, { signal, cache: "no-store" }),
    staleTime: 15_000,
  });
}

/** Where the data is, whether the session has it already, the quota and the estimate, before Stage. */
export function StagingPlanView({ target }: { target: PlanTarget }) {
  const plan = useStagingPlan(target);
  if (plan.isPending) return <p className={styles.note}>Planning: asking Rucio where the data is…</p>;
  if (plan.error)
    return (
      <p role="alert" className={styles.error}>
        No plan: {plan.error.message}
      </p>
    );
  return <PlanFacts plan={plan.data} />;
}

function PlanFacts({ plan }: { plan: StagingPlan }) {
  const available = availabilitySentence(plan, formatDate);
  const complete = plan.replicas.filter((replica) => replica.complete);
  const partial = plan.replicas.filter((replica) => !replica.complete);
  const atLeast = plan.replicasExact ? "" : "at least ";
  return (
    <div className={styles.plan} data-testid="staging-plan">
      {available && (
        <p role="status" className={styles.available}>
          {available}
        </p>
      )}
      {plan.refusal && (
        <p role="alert" className={styles.error}>
          {plan.refusal}
        </p>
      )}
      <dl className={styles.facts}>
        <dt>Complete replicas</dt>
        <dd>{complete.length === 0 ? "none" : complete.map((replica) => replica.rse).join(", ")}</dd>
        {partial.length > 0 && (
          <>
            <dt>Partial replicas</dt>
            <dd>
              {partial
                .map((replica) => `${replica.rse} (${atLeast}${formatCount(replica.availableFiles)} files)`)
                .join(", ")}
            </dd>
          </>
        )}
        <dt>Missing</dt>
        <dd>{formatBytes(plan.bytesMissing)}</dd>
        <dt>Quota</dt>
        <dd>
          {plan.quotas.length > 0 && (
            <ul className={styles.quotas}>
              {plan.quotas.map((quota) => (
                <li key={quota.rse} data-enough={String(quota.enough)}>
                  {quotaSentence(quota, formatBytes)}
                </li>
              ))}
            </ul>
          )}
          {plan.quotaNote && <span className={styles.note}>{plan.quotaNote}</span>}
        </dd>
        <dt>Estimate</dt>
        <dd>
          <span>{estimateSentence(plan)}</span> <span className={styles.note}>{plan.estimateNote}</span>
        </dd>
      </dl>
    </div>
  );
}
