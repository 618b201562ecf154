"use client";
import { StagingPlanView, type PlanTarget } from "./staging-plan";
import { useStagingMode } from "./use-staging-mode";

/** The plan section of the dataset page, in the mode a Stage click would use. */
export function PlannedStaging({
  target,
  configuredMode,
}: {
  target: Omit<PlanTarget, "mode">;
  configuredMode: "RULE" | "DOWNLOAD";
}) {
  const mode = useStagingMode(configuredMode);
  return (
    <section aria-labelledby="staging-plan-heading" className="panel">
      <h2 id="staging-plan-heading">Staging plan</h2>
      <p className="muted small">
        {mode === "RULE"
          ? "What Stage would do: a Rucio rule to the storage your session mounts."
          : "What Stage would do: a download into your Jupyter session."}
      </p>
      <StagingPlanView target={{ ...target, mode }} />
    </section>
  );
}
