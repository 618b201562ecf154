"use client";

import type { StagingView } from "@/lib/api-responses";
import { StagingProgress } from "./staging-progress";
import { useLiveStaging } from "./use-live-staging";

/** A staging request's progress, kept current while it runs. */
export function LiveStagingProgress({ staging }: { staging: StagingView }) {
  const live = useLiveStaging(staging);
  return <StagingProgress staging={live.staging} />;
}
