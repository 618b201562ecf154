"use client";
import { StagingProgress } from "./StagingProgress";
import type { StagingView } from "./staging-client";
import { useLiveStaging } from "./use-live-staging";

/** A staging request's progress, kept current while it runs. */
export function LiveStagingProgress({ staging }: { staging: StagingView }) {
  const live = useLiveStaging(staging);
  return <StagingProgress staging={live.staging} />;
}
