"use client";

import type { StagingProgressPoint, StagingView } from "@/lib/api-responses";
import { StagingProgress } from "./staging-progress";
import { StagingProgressChart } from "./staging-progress-chart";
import { useLiveStaging } from "./use-live-staging";

/** A staging request's progress, kept current while it runs; with `progress`, also drawn over time. */
export function LiveStagingProgress({
  staging,
  progress,
}: {
  staging: StagingView;
  progress?: StagingProgressPoint[];
}) {
  const live = useLiveStaging(staging, progress);
  return (
    <>
      <StagingProgress staging={live.staging} />
      {progress && <StagingProgressChart staging={live.staging} progress={live.progress} />}
    </>
  );
}
