"use client";
import { useEffect, useRef, useState } from "react";
import type { StagingProgressPoint, StagingView } from "@/lib/api-responses";
import { announceStagingUpdated, fetchStaging } from "./staging-client";

const POLL_MS = 2_000;

/**
 * The request, refreshed every two seconds while it is unfinished (paused while the page is hidden),
 * so progress updates without a reload. Stops polling once it is done, failed or cancelled. `progress`:
 * its progress over time as last read.
 */
export function useLiveStaging(
  initial: StagingView,
  initialProgress: StagingProgressPoint[] = [],
): { staging: StagingView; progress: StagingProgressPoint[]; replace: (next: StagingView) => void } {
  const [staging, setStaging] = useState(initial);
  const [progress, setProgress] = useState(initialProgress);
  const latest = useRef(initial);
  latest.current = staging;

  useEffect(() => setStaging(initial), [initial]);

  useEffect(() => {
    if (!staging.unfinished) return;
    let timer: ReturnType<typeof setTimeout>;
    let cancelled = false;
    const poll = async () => {
      if (!document.hidden) {
        try {
          const { staging: next, progress: steps } = await fetchStaging(latest.current.id);
          if (cancelled) return;
          if (next.updatedAt !== latest.current.updatedAt) announceStagingUpdated(next);
          setStaging(next);
          setProgress(steps);
          if (!next.unfinished) return;
        } catch {
          // Transient (network, portal restarting): try again on the next beat.
        }
      }
      if (!cancelled) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [staging.id, staging.unfinished]);

  return { staging, progress, replace: setStaging };
}
